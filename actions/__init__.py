"""Vejviser's custom Rasa actions, one module per topic. They reach data only through the service."""
