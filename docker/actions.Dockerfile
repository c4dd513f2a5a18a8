# The action server from the official rasa-sdk image, with Vejviser's actions and the contract they share with the
# service.
FROM rasa/rasa-sdk:3.6.2
USER root
COPY constraints.txt /tmp/constraints.txt
RUN pip install --no-cache-dir -c /tmp/constraints.txt httpx pydantic
COPY contract/ /app/contract/
COPY actions/ /app/actions/
USER 1001
CMD ["start", "--actions", "actions"]
