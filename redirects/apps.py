from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = "Redirects"

    def ready(self):
        from . import signals

        signals.connect()
