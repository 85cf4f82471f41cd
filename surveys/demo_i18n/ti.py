"""Tigrinya texts of the demo before and after surveys (machine-drafted, for editors to review)."""

LANGUAGE = "ti"

_DESCRIPTION = (
    "እዚ መጽናዕቲ ኣብዚ ምስራሕ ከመይ ምዃኑ ይምልከት፦ ኣተሓሕዛ ሓድሕድና፡ ፍልልያት፡ ዘይምስምማዕን "
    "ናይ ምዃን ስምዒትን። ኣስታት ዓሰርተ ደቒቕ ይወስድ። ቅኑዕ ወይ ጌጋ መልሲ የለን።"
)

SURVEYS = {
    "before": {"title": "ቅድሚ መስርሕ ቦታ ስራሕ", "description": _DESCRIPTION},
    "after": {"title": "ድሕሪ መስርሕ ቦታ ስራሕ", "description": _DESCRIPTION},
}

QUESTIONS = {
    "respekt": {
        "text": "ኣብ ቦታ ስራሕይ፡ ድሕረ-ባይትኡ ብዘየገድስ፡ ኩሉ ሰብ ብኽብሪ ይተሓዝ።",
        "text_after": "ኣብ ቦታ ስራሕይ፡ ካበይ ይምጻእ ብዘየገድስ፡ ኩሉ ሰብ ብኽብሪ ይተሓዝ።",
        "options": None,
    },
    "olikheter": {
        "text": "ዝተፈላለየ ድሕረ-ባይታን ተመክሮን ንቦታ ስራሕና ሃብቲ እዩ።",
        "text_after": None,
        "options": None,
    },
    "kulturkrockar": {
        "text": "ባህልታት ወይ ክብርታት ዝጋጨውሉ ኩነታት ኣብ ምእላይ ርግጸኛ ኮይነ ይስምዓኒ።",
        "text_after": "ኣብ ስራሕ ባህልታት ወይ ክብርታት ክጋጨዉ ከለዉ ርግጸኛ ኮይነ ይስምዓኒ።",
        "options": None,
    },
    "oenighet": {
        "text": "ኣብ ቦታ ስራሕይ፡ ናብ ውልቃዊ ጉዳይ ከይተቐየረ፡ ዝተፈላለየ ሓሳብ ክህልወና ንኽእል።",
        "text_after": None,
        "options": None,
    },
    "saga_ifran": {
        "text": "ሓደ ሰብ ብሕማቕ እንተተታሒዙ ክዛረብ እደፍር እየ።",
        "text_after": None,
        "options": None,
    },
    "tillhorighet": {
        "text": "ኣብ ቦታ ስራሕኩም ከም ሓደ ኣካል ምዃንኩም ክሳዕ ክንደይ ይስምዓኩም?",
        "text_after": None,
        "options": "ፈጺሙ ኣይስምዓንን\nምሉእ ብምሉእ",
    },
    "samtal_om_bemotande": {
        "text": "ኣብ ቦታ ስራሕኩም ብዛዕባ ኣተሓሕዛ ሓድሕድኩም ክንደይ ግዜ ትዘራረቡ?",
        "text_after": None,
        "options": "ፈጺሙ ኣይንዘራረብን\nኣብ ዓመት ሓደ ሓደ ግዜ\nኣብ ወርሒ ሓደ ሓደ ግዜ\nኣብ ሰሙን ሓደ ሓደ ግዜ",
    },
    "amnen": {
        "text": "ብዛዕባ ኣየኖት ኣርእስታት ዝያዳ ክትዘራረቡ ትደልዩ?",
        "text_after": "ካብቶም ምይይጣት ኣየኖት ኣርእስታት እዮም ዝያዳ ጠቐምቲ ነይሮም?",
        "options": (
            "ቋንቋን ርክብን\nሃይማኖትን ልምድታትን\nዋዛን ልሙድ ዘረባን\n"
            "ኣተሓሕዛ ተጠቀምቲ ኣገልግሎትን ዓማዊልን\nማዕርነት ጾታ\nቅድመ-ፍርድን ሓፈሻዊ ኣረኣእያታትን"
        ),
    },
    "oppen_valkommen": {
        "text": "ኩሉ ሰብ ኣብ ቦታ ስራሕኩም ብሓበን ከም ዝተቐበልዎ ንክስምዖ እንታይ የድሊ?",
        "text_after": None,
        "options": None,
    },
    "oppen_ovrigt": {
        "text": "ካልእ ክትብልዎ እትደልዩ ነገር ኣሎ ድዩ?",
        "text_after": "እቶም ምይይጣት ንዓኹምን ንቦታ ስራሕኩምን እንታይ ትርጉም ነይሮምዎም?",
        "options": None,
    },
}
