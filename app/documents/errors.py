"""The error of this package, apart so that the window can catch it without loading the rest."""


class DocumentError(Exception):
    """A user's mistake (an unknown number, a document the record has not): the message is
    Indonesian and shown as is."""
