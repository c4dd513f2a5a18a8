"""Rasa project files for Vejviser, and the Danish spaCy pipeline its NLU uses."""
