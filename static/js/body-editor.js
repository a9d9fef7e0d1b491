// The body editor: django-prose-editor's "configurable" preset, except that
// Tiptap's base styles come from static/css/body-editor.css instead of a
// <style> element it would inject, which the Content-Security-Policy refuses.
import * as prose from "django-prose-editor/editor"

const ATTRIBUTE = "data-django-prose-editor-newsroom"

function extensionsOf(config) {
  return Object.entries(config.extensions || {}).flatMap(([name, options]) => {
    const extension = prose[name]
    if (!extension) return []
    return [typeof options === "object" ? extension.configure(options) : extension]
  })
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}")
  const disabled = textarea.hasAttribute("disabled")
  const element = prose.crel("div", { className: disabled ? "prose-editor disabled" : "prose-editor" })
  textarea.before(element)
  element.append(textarea)
  const editor = new prose.Editor({
    element,
    editable: !disabled,
    extensions: extensionsOf(config),
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor }) {
      const html = editor.getHTML()
      // An empty paragraph is an empty body.
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    onDestroy() {
      element.before(textarea)
      element.remove()
    },
  })
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }))
  return editor
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`)
