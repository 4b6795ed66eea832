import logging


class OneLineWarning(logging.Filter):
    """Log a record as a one-line WARNING: for refusals of bad requests (a Host
    header not in ALLOWED_HOSTS) that bots send all day. Django logs them at
    ERROR with a traceback, which buries the errors that matter."""

    def filter(self, record):
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        return True
