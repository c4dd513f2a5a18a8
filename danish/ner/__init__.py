"""Vejviser's Danish named-entity recognition (PER, LOC, ORG), trained with spaCy 3.4 on the Universal NER
annotations of the Danish Dependency Treebank and on chat-like sentences: `python -m danish.ner.train` (make ner)."""
