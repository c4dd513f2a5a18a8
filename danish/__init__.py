"""Danish-language code shared by the service (privacy gateway, search), Rasa's NLP component and the knowledge base:
the spaCy pipeline Vejviser runs and how it is built, lemmas, the patterns of personal details, and names."""
