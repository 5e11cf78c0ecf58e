"""The closed vocabularies stored in the database, as text. Labels people read live in ui/
(translated); these values are what files and the database hold and never change meaning."""

from __future__ import annotations

from enum import StrEnum


class ContactKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    ADDRESS = "address"
    WEB = "web"


class Relation(StrEnum):
    SPOUSE = "spouse"
    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDCHILD = "grandchild"
    GRANDPARENT = "grandparent"
    ASSISTANT = "assistant"
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    PET = "pet"
    OTHER = "other"


class DateKind(StrEnum):
    BIRTHDAY = "birthday"
    WEDDING_ANNIVERSARY = "wedding_anniversary"
    BUSINESS_ANNIVERSARY = "business_anniversary"
    NAME_DAY = "name_day"
    CUSTOM = "custom"


class PreferenceCategory(StrEnum):
    """In the order a card shows them: what matters at the table first."""

    DRINK = "drink"
    FOOD = "food"
    DESSERT = "dessert"
    RESTAURANT = "restaurant"
    DIETARY = "dietary"
    ALLERGY = "allergy"
    HOBBY = "hobby"
    TEAM = "team"
    INTEREST = "interest"
    GIFT_LIKE = "gift_like"
    GIFT_DISLIKE = "gift_dislike"
    DISLIKE = "dislike"
    OTHER = "other"


class AspirationStatus(StrEnum):
    DREAM = "dream"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"


class PromiseStatus(StrEnum):
    """Stored statuses. "Late" is not stored: an open promise past its due date is late."""

    OPEN = "open"
    KEPT = "kept"
    DROPPED = "dropped"


class InteractionKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    MEAL = "meal"
    OUTING = "outing"
    GIFT = "gift"
    DISCOUNT = "discount"
    NOTE = "note"
    EMAIL = "email"
    MESSAGE = "message"
    OTHER = "other"


class Tone(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class EventKind(StrEnum):
    THANK_YOU_MEAL = "thank_you_meal"
    OUTING = "outing"
    GIFT_DELIVERY = "gift_delivery"
    CALL = "call"
    OTHER = "other"


class EventStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class Gesture(StrEnum):
    """What a cadence rule asks for; KEEP_IN_TOUCH is reset by any logged contact."""

    KEEP_IN_TOUCH = "keep_in_touch"
    CHECK_IN_CALL = "check_in_call"
    THANK_YOU_MEAL = "thank_you_meal"
    OUTING = "outing"
    GIFT = "gift"
    DISCOUNT = "discount"
    PERSONAL_NOTE = "personal_note"


class Feb29Rule(StrEnum):
    """Where a Feb 29 date falls in a common year, app-wide."""

    FEB_28 = "feb28"
    MAR_1 = "mar1"
