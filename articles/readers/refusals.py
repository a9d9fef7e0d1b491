class Refused(Exception):
    """A reader's request turned down, with the message to show and the HTTP status to answer with."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status
