"""The API's bodies: builders of the contract's (contract/models.py) from the domain, and the service's own."""
