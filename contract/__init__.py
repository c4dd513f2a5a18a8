"""The contract between the action server and the service: the bodies on the wire and every word both must agree
on. Both processes import this package (the action server's image copies it beside `actions/`); it depends on
pydantic only, never on the rest of the project."""
