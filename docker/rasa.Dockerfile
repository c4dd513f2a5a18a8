# Rasa from the official image family, with the Danish spaCy model and Vejviser's NLU component.
FROM rasa/rasa:3.6.21-full
USER root
COPY requirements/spacy-model.txt /tmp/spacy-model.txt
RUN pip install --no-cache-dir spacy-lookups-data==1.0.5 \
 && pip install --no-cache-dir --no-deps -r /tmp/spacy-model.txt
COPY bot/ /app/bot/
# bot/components.py chooses the Danish pipeline with danish/pipeline.py (da_core_news_sm, installed above).
COPY danish/ /app/danish/
USER 1001
