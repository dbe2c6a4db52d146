"""The core's exceptions. Adapters (CLI, bot) translate these into user messages."""


class NewsqaError(Exception):
    """Base class: a problem the user can act on. The message is shown as is."""


class ConfigError(NewsqaError):
    """The configuration file is missing, unreadable or invalid."""


class ArticleError(NewsqaError):
    """An article file cannot be read or parsed."""


class IndexUnavailable(NewsqaError):
    """The index is missing, damaged, or was built with another model or format."""
