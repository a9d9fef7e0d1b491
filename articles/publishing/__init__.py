"""The editors' rules: who may move an article where, and the roles."""
