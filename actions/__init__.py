"""Vejviser's custom Rasa actions: the conversation, one module per topic (akut, answers, booking, booking_code,
engelsk, guidet, kommune, samtale) and what they share (forms, municipalities, slot_text). They reach data only
through the service, by the plumbing in `actions/plumbing/`."""
