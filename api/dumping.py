"""A faster ``dump`` for the schemas of the hot reads, with the schemas' own output.

For every field of every object, marshmallow's ``Schema.dump`` finds the accessor, the
attribute, the data key and the default again, through four or five calls (profiled with
``python -m bench.profile --scenario claim``: marshmallow was a quarter of a one-claim
read, most of it this bookkeeping). ``PlannedDump`` works that out once per schema
instance and keeps the part that matters: each field's own ``_serialize`` formats each
value, and nested schemas dump through their own ``dump``. So the output is what
marshmallow gives, key for key (tests/api/test_dumping.py compares the two), and the
schema stays the one definition of the wire format and of the OpenAPI document.

Schemas with dump hooks, ``only`` or ``exclude`` go through marshmallow unchanged.
"""
from marshmallow import fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP


def _step(name, field):
    """What dumping one field needs, worked out once: its key in the output, its name,
    the attribute it reads, the field, whether it reads one, its default, and whether a
    plain ``getattr`` reads it as marshmallow would."""
    attribute = name if field.attribute is None else field.attribute
    key = name if field.data_key is None else field.data_key
    # A field that overrides get_value decides itself how to read the object.
    plain_get = type(field).get_value is fields.Field.get_value and "." not in attribute
    return key, name, attribute, field, field._CHECK_ATTRIBUTE, field.dump_default, plain_get


class PlannedDump:
    """Mix into a ``marshmallow.Schema`` (before it in the bases)."""

    def dump(self, obj, *, many=None):
        plan = self.__dict__.get("_plan")
        if plan is None:
            if (self._hooks[PRE_DUMP] or self._hooks[POST_DUMP] or self.only is not None
                    or self.exclude):
                plan = False
            else:
                plan = [_step(name, field) for name, field in self.dump_fields.items()]
            self._plan = plan
        if plan is False:
            return super().dump(obj, many=many)
        many = self.many if many is None else bool(many)
        if many and obj is not None:
            return [self._dump_one(plan, item) for item in obj]
        return self._dump_one(plan, obj)

    def _dump_one(self, plan, obj):
        # Schema._serialize and Field.serialize, with what does not change per object
        # worked out beforehand.
        result = self.dict_class()
        keyed = hasattr(obj, "__getitem__")
        for key, name, attribute, field, reads, default, plain_get in plan:
            if not reads:
                value = None
            else:
                if plain_get and not keyed:
                    value = getattr(obj, attribute, missing)
                else:
                    value = field.get_value(obj, name, accessor=self.get_attribute)
                if value is missing:
                    value = default() if callable(default) else default
                    if value is missing:
                        continue
            value = field._serialize(value, name, obj)
            if value is not missing:
                result[key] = value
        return result

