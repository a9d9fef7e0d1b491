"""What the newsroom's roles may do with the cooperation record, granted from AgreementsConfig.ready()."""

from articles.publishing.roles import EDITOR, REPORTER, grant

RECORD_MODELS = (
    "agency",
    "agencyalias",
    "countryalias",
    "agreement",
    "agreementparty",
    "event",
    "eventparticipant",
    "articleagency",
    "articleagreement",
    "articleevent",
)


def grant_record_permissions():
    # Reporters see the records; editors check, correct and merge them.
    grant(REPORTER, ["agreements.view_agency", "agreements.view_agreement", "agreements.view_event"])
    grant(
        EDITOR,
        [
            f"agreements.{action}_{model}"
            for model in RECORD_MODELS
            for action in ("add", "change", "delete", "view")
        ],
    )
