"""Log records as one JSON object a line (LOG_FORMAT=json), for log collectors.

Each line has the time (UTC, ISO 8601), level, logger and message; the request's
method and path and the response status when Django's request logging gives
them; and the exception's traceback as text when there is one.
"""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        # django.request passes the HttpRequest; django.server passes a socket.
        if hasattr(request, "method") and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
