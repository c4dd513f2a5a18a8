# Rasa from the official image family, with the Danish spaCy model and Vejviser's NLU component.
FROM rasa/rasa:3.6.21-full
USER root
COPY requirements/spacy-model.txt /tmp/spacy-model.txt
RUN pip install --no-cache-dir spacy-lookups-data==1.0.5 \
 && pip install --no-cache-dir --no-deps -r /tmp/spacy-model.txt
COPY bot/ /app/bot/
USER 1001
