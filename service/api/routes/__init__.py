"""One router per resource, each the only owner of its URL prefix."""
