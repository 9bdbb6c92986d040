"""The ceremony's world as plain Python: records, Vietnamese text rules, the award order and
its script, the live show, templates. Nothing here stores, reads files or imports Qt."""
