"""Somali texts of the demo before and after surveys (machine-drafted, for editors to review)."""

LANGUAGE = "so"

_DESCRIPTION = (
    "Sahankani wuxuu ku saabsan yahay sida ay tahay in halkan laga shaqeeyo: sida aan isula "
    "dhaqanno, kala duwanaanshaha, khilaafka iyo dareenka ka mid ahaanshaha. Wuxuu qaadanayaa "
    "qiyaastii toban daqiiqo. Ma jiraan jawaabo sax ah ama khalad ah."
)

SURVEYS = {
    "before": {"title": "Ka hor habka goobta shaqada", "description": _DESCRIPTION},
    "after": {"title": "Kadib habka goobta shaqada", "description": _DESCRIPTION},
}

QUESTIONS = {
    "respekt": {
        "text": "Goobteyda shaqada, qof walba si ixtiraam leh ayaa loola dhaqmaa, iyadoon loo eegin asalkiisa.",
        "text_after": "Goobteyda shaqada, qof walba si ixtiraam leh ayaa loola dhaqmaa, meel kasta oo uu ka yimid ha ahaatee.",
        "options": None,
    },
    "olikheter": {
        "text": "Asallada iyo waayo-aragnimooyinka kala duwan waa hanti u ah goobteenna shaqada.",
        "text_after": None,
        "options": None,
    },
    "kulturkrockar": {
        "text": "Waan ku kalsoonahay inaan maareeyo xaaladaha ay dhaqammo ama qiyam isku dhacaan.",
        "text_after": "Waan is-aamminsanahay marka ay dhaqammo ama qiyam shaqada isku dhacaan.",
        "options": None,
    },
    "oenighet": {
        "text": "Goobteyda shaqada waan isku khilaafi karnaa iyadoon arrintu noqon mid shakhsi ah.",
        "text_after": None,
        "options": None,
    },
    "saga_ifran": {
        "text": "Waan ku dhiirradaa inaan hadlo haddii qof si xun loola dhaqmo.",
        "text_after": None,
        "options": None,
    },
    "tillhorighet": {
        "text": "Intee le'eg ayaad dareentaa inaad ka mid tahay goobtaada shaqada?",
        "text_after": None,
        "options": "Haba yaraatee\nGebi ahaanba",
    },
    "samtal_om_bemotande": {
        "text": "Intee jeer ayaad goobta shaqada kaga hadashaan sida aad isula dhaqantaan?",
        "text_after": None,
        "options": "Marnaba\nDhowr jeer sannadkii\nDhowr jeer bishii\nDhowr jeer toddobaadkii",
    },
    "amnen": {
        "text": "Mawduucyadee ayaad jeclaan lahayd inaad wax badan ka hadashaan?",
        "text_after": "Mawduucyadee wada-hadallada ayaa ahaa kuwa ugu qiimaha badnaa?",
        "options": (
            "Luqadda iyo isgaarsiinta\nDiinta iyo dhaqammada\nKaftanka iyo hadal-maadeedka\n"
            "Sida aan ula dhaqanno dadka aan u adeegno iyo macaamiisha\n"
            "Sinnaanta ragga iyo haweenka\nFikradaha hore loo go'aamiyay iyo sawirrada guud"
        ),
    },
    "oppen_valkommen": {
        "text": "Maxaa loo baahan yahay si qof walba u dareemo in lagu soo dhaweeyay goobtaada shaqada?",
        "text_after": None,
        "options": None,
    },
    "oppen_ovrigt": {
        "text": "Ma jiraa wax kale oo aad jeclaan lahayd inaad sheegto?",
        "text_after": "Maxay wada-hadalladu u ahaayeen adiga iyo goobtaada shaqada?",
        "options": None,
    },
}
