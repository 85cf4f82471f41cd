"""Page and settings models of the site. Re-exports every model so Django finds them."""

from .home import HomePage
from .outbox import OutboxMessage

__all__ = ["HomePage", "OutboxMessage"]
