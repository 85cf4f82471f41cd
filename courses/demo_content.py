"""The demo programme's texts: the workplace track's five one-hour modules (Swedish and English)
and the preparatory track's modules (Swedish). Loaded by :mod:`courses.demo`.

Each guide step is ``(kind, title, minutes, text, notes, questions)``; exercises add a grouping.
Every workplace guide adds up to 60 minutes.
"""

from __future__ import annotations

PREPARATORY_MODULES: list[dict] = [
    {
        "title": "Introduktionsdag",
        "title_en": "Introduction day",
        "minutes": 360,
        "description": "Programmets syfte, upplägg och tidsplan. Vi lär känna varandra över "
        "organisationsgränserna och går igenom vad som väntar i arbetsplatsprocessen.",
    },
    {
        "title": "Utbildning i processledarskap",
        "title_en": "Training in process leadership",
        "minutes": 240,
        "description": "Att leda samtal där alla kommer till tals: samtalsklimat, frågeteknik, "
        "att hantera oenighet och att ta hand om det som kommer upp.",
    },
    {
        "title": "Föreläsning: integration och inkludering",
        "title_en": "Lecture: integration and inclusion",
        "minutes": 90,
        "description": "Vad integration och inkludering betyder på en arbetsplats, och varför det "
        "angår alla.",
        "segment": {
            "slug": "integration-och-inkludering",
            "title": "Integration och inkludering på arbetsplatsen",
            "summary": "Skillnaden mellan att vara på plats och att vara delaktig.",
            "minutes": 40,
            "key_points": [
                "Integration handlar om att mötas – båda parter förändras.",
                "Inkludering märks i vardagen: vem som får information, frågas och lyssnas på.",
                "Ett inkluderande arbetssätt är en del av uppdraget, inte en extra uppgift.",
            ],
            "transcript": [
                "Den här föreläsningen handlar om vad integration och inkludering betyder i "
                "praktiken, på en arbetsplats i en kommun.",
                "Att vara anställd är inte samma sak som att vara delaktig. Delaktighet märks i "
                "små saker: vem som får veta saker först, vem som blir tillfrågad och vems idéer "
                "som tas på allvar.",
                "Som processledare hjälper du din arbetsplats att prata om just detta – utan att "
                "peka ut någon.",
            ],
        },
    },
    {
        "title": "Föreläsning: jämställdhet",
        "title_en": "Lecture: gender equality",
        "minutes": 50,
        "description": "Jämställdhet i arbetsfördelning, lön, inflytande och bemötande.",
        "segment": {
            "slug": "jamstalldhet",
            "title": "Jämställdhet i vardagen",
            "summary": "Hur jämställdhet syns – och inte syns – i arbetsfördelning och bemötande.",
            "minutes": 25,
            "key_points": [
                "Jämställdhet gäller fördelning av makt, resurser och ansvar.",
                "Titta på vem som gör vad, inte bara på vad som står i rutinerna.",
            ],
            "transcript": [
                "Jämställdhet betyder att kvinnor och män har samma makt att forma sitt arbete och "
                "sina villkor.",
                "På många arbetsplatser syns ojämställdheten i vardagen: vem som tar anteckningar, "
                "vem som får de synliga uppdragen och vem som blir avbruten.",
            ],
        },
    },
    {
        "title": "Föreläsning: tillgänglighet",
        "title_en": "Lecture: accessibility",
        "minutes": 50,
        "description": "En arbetsplats och ett material som fungerar för alla, också med "
        "funktionsnedsättning.",
        "segment": {
            "slug": "tillganglighet",
            "title": "Tillgänglighet – för alla från början",
            "summary": "Att planera möten, lokaler och material så att alla kan delta.",
            "minutes": 25,
            "key_points": [
                "Fråga i förväg vad deltagarna behöver – anta ingenting.",
                "Material ska kunna läsas, höras och förstoras.",
            ],
            "transcript": [
                "Tillgänglighet handlar om att alla ska kunna delta på lika villkor.",
                "Tänk på lokal, ljud, ljus, text och tempo. Fråga gruppen vad som behövs och gör "
                "det till en vana.",
            ],
        },
    },
    {
        "title": "Föreläsning: antidiskriminering",
        "title_en": "Lecture: anti-discrimination",
        "minutes": 50,
        "description": "Diskrimineringsgrunderna, arbetsgivarens ansvar och vad du gör om något "
        "händer.",
        "segment": {
            "slug": "antidiskriminering",
            "title": "Antidiskriminering – ansvar och agerande",
            "summary": "Vad diskrimineringslagen säger och vad du gör när något inte är okej.",
            "minutes": 25,
            "key_points": [
                "Diskrimineringslagen har sju diskrimineringsgrunder.",
                "Arbetsgivaren ska arbeta förebyggande med aktiva åtgärder.",
                "Säg ifrån, stötta den som drabbas och berätta för din chef.",
            ],
            "transcript": [
                "Diskrimineringslagen skyddar mot diskriminering som har samband med kön, "
                "könsöverskridande identitet eller uttryck, etnisk tillhörighet, religion eller "
                "annan trosuppfattning, funktionsnedsättning, sexuell läggning och ålder.",
                "Arbetsgivaren ska arbeta med aktiva åtgärder: undersöka risker, analysera, åtgärda "
                "och följa upp. Alla anställda kan bidra genom att säga ifrån.",
            ],
        },
    },
]


WORKPLACE_MODULES: list[dict] = [
    {
        "slug": "vilka-ar-vi-nu",
        "sv": {
            "module": "Vilka är vi nu?",
            "module_description": "Arbetsplatsen har förändrats. Vi beskriver vilka vi är i dag och "
            "vad vi vill vara.",
            "segment_title": "Vilka är vi nu?",
            "summary": "Om att arbetsplatsen förändras och att vi behöver prata om vår nya identitet.",
            "key_points": [
                "Arbetsplatsens sammansättning har förändrats – det påverkar alla.",
                "En gemensam identitet skapas i samtal, inte genom beslut.",
                "Allas erfarenheter behövs för att beskriva vilka vi är.",
            ],
            "transcript": [
                "Välkommen till det första samtalet. Under de senaste åren har våra arbetsplatser "
                "förändrats. Nya kollegor har kommit, från andra yrken, andra orter och andra "
                "länder. Många som bor i kommunen i dag är födda någon annanstans.",
                "När vi förändras behöver vi ibland stanna upp och fråga: vilka är vi nu? Vad är "
                "det som gör oss till en arbetsplats, och vad vill vi att nya kollegor ska möta?",
                "Det finns inget rätt svar. Målet med i dag är att alla får berätta något om sig "
                "själva och lyssna på andra – och att vi tillsammans börjar beskriva vår "
                "gemensamma bild.",
            ],
            "guide_title": "Samtalsguide 1: Vilka är vi nu?",
            "intro": "Ett första samtal om vår arbetsplats som den ser ut i dag.",
            "goals": "Att alla får komma till tals och att gruppen börjar beskriva sin gemensamma "
            "identitet.",
            "preparation": "Se filmen i förväg. Ordna en lokal där alla kan se varandra. Ha "
            "papper och pennor framme. Tänk igenom hur du själv skulle svara på frågorna.",
            "steps": [
                ("opening", "Välkommen och samtalsregler", 5,
                 "Vi går igenom hur vi samtalar: en i taget, vi lyssnar för att förstå, det som sägs "
                 "här stannar här.",
                 "Skriv gärna samtalsreglerna på en tavla. Fråga om gruppen vill lägga till någon "
                 "regel.", []),
                ("watch", "Film: Vilka är vi nu?", 10,
                 "Vi ser filmen tillsammans.",
                 "Filmen är kort. Låt gruppen sitta tyst en halv minut efteråt innan du ställer "
                 "första frågan.", []),
                ("question_round", "Runda: min väg hit", 15,
                 "Var och en svarar kort. Det går bra att stå över.",
                 "Börja själv för att visa hur kort ett svar kan vara. Håll tiden – ungefär en "
                 "minut per person.",
                 ["Hur kom du till den här arbetsplatsen?",
                  "Vad mötte dig när du var ny här?"]),
                ("exercise", "Två och två: vad gör oss till oss?", 15,
                 "Prata två och två och skriv ner tre saker som beskriver er arbetsplats i dag.",
                 "Para gärna ihop personer som inte brukar arbeta tillsammans. Samla in lapparna.",
                 ["Vad är vi bra på som arbetsplats?",
                  "Vad har förändrats de senaste åren?",
                  "Vad vill vi att en ny kollega ska känna efter första veckan?"], "pair"),
                ("reflection", "Gemensam reflektion", 10,
                 "Vi läser upp lapparna och ser vad som återkommer.",
                 "Sortera lapparna på tavlan. Lyft både likheter och skillnader – skillnaderna är "
                 "inget problem.",
                 ["Vilka är vi nu – med några få ord?",
                  "Är det något som saknas i bilden?"]),
                ("closing", "Avslutning", 5,
                 "Vi sammanfattar och berättar vad nästa samtal handlar om.",
                 "Spara lapparna till samtal 5. Tacka gruppen.", []),
            ],
        },
        "en": {
            "module": "Who are we now?",
            "module_description": "Our workplace has changed. We describe who we are today and who "
            "we want to be.",
            "segment_title": "Who are we now?",
            "summary": "On how the workplace changes, and why we need to talk about our new identity.",
            "key_points": [
                "The make-up of the workplace has changed – this affects everyone.",
                "A shared identity is created in conversation, not by decision.",
                "Everyone's experience is needed to describe who we are.",
            ],
            "transcript": [
                "Welcome to the first conversation. In recent years our workplaces have changed. "
                "New colleagues have joined, from other professions, other towns and other "
                "countries. Many who live in the municipality today were born somewhere else.",
                "When we change, we sometimes need to stop and ask: who are we now? What makes us "
                "a workplace, and what do we want new colleagues to find?",
                "There is no right answer. Today's aim is that everyone tells something about "
                "themselves and listens to others – and that together we begin to describe our "
                "shared picture.",
            ],
            "guide_title": "Discussion guide 1: Who are we now?",
            "intro": "A first conversation about our workplace as it is today.",
            "goals": "Everyone gets to speak, and the group begins to describe its shared identity.",
            "preparation": "Watch the film beforehand. Arrange a room where everyone can see each "
            "other. Have paper and pens ready. Think about how you would answer the questions.",
            "steps": [
                ("opening", "Welcome and ground rules", 5,
                 "We agree how we talk: one at a time, we listen to understand, what is said here "
                 "stays here.",
                 "Write the ground rules on a board. Ask whether the group wants to add one.", []),
                ("watch", "Film: Who are we now?", 10,
                 "We watch the film together.",
                 "The film is short. Let the group sit quietly for half a minute before the first "
                 "question.", []),
                ("question_round", "Round: my way here", 15,
                 "Everyone answers briefly. It is fine to pass.",
                 "Start yourself to show how short an answer can be. Keep time – about a minute "
                 "each.",
                 ["How did you come to this workplace?",
                  "What did you find when you were new here?"]),
                ("exercise", "In pairs: what makes us us?", 15,
                 "Talk in pairs and write down three things that describe your workplace today.",
                 "Pair people who do not usually work together. Collect the notes.",
                 ["What are we good at as a workplace?",
                  "What has changed in recent years?",
                  "What do we want a new colleague to feel after the first week?"], "pair"),
                ("reflection", "Shared reflection", 10,
                 "We read the notes aloud and see what comes up again and again.",
                 "Sort the notes on the board. Bring up both similarities and differences – the "
                 "differences are not a problem.",
                 ["Who are we now – in a few words?",
                  "Is anything missing from the picture?"]),
                ("closing", "Closing", 5,
                 "We sum up and say what the next conversation is about.",
                 "Keep the notes for conversation 5. Thank the group.", []),
            ],
        },
    },
    {
        "slug": "kultur-och-oskrivna-regler",
        "sv": {
            "module": "Kultur och oskrivna regler",
            "module_description": "Interkulturellt förhållningssätt: normer, språk och de regler "
            "som ingen har skrivit ner.",
            "segment_title": "Kultur och oskrivna regler",
            "summary": "Varje arbetsplats har oskrivna regler. De blir synliga först när någon "
            "inte känner till dem.",
            "key_points": [
                "Alla bär med sig kultur – också den som känner sig ”vanlig”.",
                "Oskrivna regler kan utestänga utan att någon menar det.",
                "Ett interkulturellt förhållningssätt börjar med nyfikenhet på sig själv.",
            ],
            "transcript": [
                "Kultur är inte bara något andra har. Alla har vi vanor, värderingar och sätt att "
                "uttrycka oss som vi tar för givna.",
                "På en arbetsplats blir det tydligt i de oskrivna reglerna: hur man hälsar, när man "
                "tar fika, hur rakt man säger emot chefen och vilket språk som talas i personalrummet.",
                "Ett interkulturellt förhållningssätt betyder att vi är nyfikna på varandras sätt "
                "– och på vårt eget – i stället för att utgå från att vårt sätt är det normala.",
            ],
            "guide_title": "Samtalsguide 2: Kultur och oskrivna regler",
            "intro": "Vi gör arbetsplatsens oskrivna regler synliga.",
            "goals": "Att gruppen blir medveten om sina oskrivna regler och hur de påverkar nya "
            "och olika kollegor.",
            "preparation": "Tänk på ett eget exempel på en oskriven regel som du själv har "
            "upptäckt. Var beredd på att exemplen kan väcka känslor.",
            "steps": [
                ("opening", "Återkoppling från förra samtalet", 5,
                 "Vi påminner oss om vad vi kom fram till förra gången.",
                 "Visa gärna lapparna från samtal 1.", []),
                ("watch", "Film: Kultur och oskrivna regler", 10,
                 "Vi ser filmen tillsammans.", "", []),
                ("question_round", "Runda: en regel jag upptäckte", 15,
                 "Var och en berättar om en oskriven regel.",
                 "Om det blir tyst: berätta ditt eget exempel först.",
                 ["Vilken oskriven regel upptäckte du när du var ny här?",
                  "Vilken regel följer du utan att tänka på det?"]),
                ("exercise", "Smågrupper: våra regler", 15,
                 "I grupper om tre till fem: lista arbetsplatsens oskrivna regler.",
                 "Fråga efter regler kring fika, språk, klädsel, raster och hur man säger emot. "
                 "Var uppmärksam på om någon pekas ut.",
                 ["Vilka regler hjälper oss?",
                  "Vilka regler kan stänga ute någon?",
                  "Vilken regel skulle vi vilja ändra?"], "small_group"),
                ("reflection", "Reflektion", 10,
                 "Grupperna berättar kort vad de kom fram till.",
                 "Skriv upp de regler gruppen vill ändra – de behövs i samtal 5.",
                 ["Vad var lättast och svårast att prata om?",
                  "Vad kan vi göra annorlunda redan i morgon?"]),
                ("closing", "Avslutning", 5,
                 "Vi tackar varandra och stämmer av hur samtalet kändes.", "", []),
            ],
        },
        "en": {
            "module": "Culture and unwritten rules",
            "module_description": "An intercultural approach: norms, language and the rules nobody "
            "has written down.",
            "segment_title": "Culture and unwritten rules",
            "summary": "Every workplace has unwritten rules. They become visible only when someone "
            "does not know them.",
            "key_points": [
                "Everyone carries culture – also those who feel ‘ordinary’.",
                "Unwritten rules can shut people out without anyone meaning to.",
                "An intercultural approach begins with curiosity about oneself.",
            ],
            "transcript": [
                "Culture is not only something other people have. We all have habits, values and "
                "ways of expressing ourselves that we take for granted.",
                "At work this shows in the unwritten rules: how we greet each other, when we have "
                "coffee, how directly we disagree with the manager and which language is spoken in "
                "the staff room.",
                "An intercultural approach means being curious about each other's ways – and our "
                "own – instead of assuming that our way is the normal one.",
            ],
            "guide_title": "Discussion guide 2: Culture and unwritten rules",
            "intro": "We make the workplace's unwritten rules visible.",
            "goals": "The group becomes aware of its unwritten rules and how they affect new and "
            "different colleagues.",
            "preparation": "Think of your own example of an unwritten rule you discovered. Be ready "
            "for examples that stir feelings.",
            "steps": [
                ("opening", "Looking back at the last conversation", 5,
                 "We remind ourselves of what we found last time.",
                 "Show the notes from conversation 1.", []),
                ("watch", "Film: Culture and unwritten rules", 10,
                 "We watch the film together.", "", []),
                ("question_round", "Round: a rule I discovered", 15,
                 "Everyone tells about one unwritten rule.",
                 "If it goes quiet: tell your own example first.",
                 ["Which unwritten rule did you discover when you were new here?",
                  "Which rule do you follow without thinking about it?"]),
                ("exercise", "Small groups: our rules", 15,
                 "In groups of three to five: list the workplace's unwritten rules.",
                 "Ask about rules on coffee breaks, language, clothing and how to disagree. Watch "
                 "that nobody is singled out.",
                 ["Which rules help us?",
                  "Which rules can shut someone out?",
                  "Which rule would we like to change?"], "small_group"),
                ("reflection", "Reflection", 10,
                 "The groups briefly say what they found.",
                 "Write down the rules the group wants to change – they are needed in "
                 "conversation 5.",
                 ["What was easiest and hardest to talk about?",
                  "What can we do differently tomorrow?"]),
                ("closing", "Closing", 5,
                 "We thank each other and check how the conversation felt.", "", []),
            ],
        },
    },
    {
        "slug": "inkludering-i-praktiken",
        "sv": {
            "module": "Inkludering i praktiken",
            "module_description": "Jämställdhet, tillgänglighet och delaktighet i det dagliga "
            "arbetet.",
            "segment_title": "Inkludering i praktiken",
            "summary": "Hur möten, information och arbetsfördelning kan göra alla delaktiga.",
            "key_points": [
                "Inkludering syns i möten, information och arbetsfördelning.",
                "Jämställdhet och tillgänglighet är en del av inkluderingen.",
                "Små ändringar i rutiner kan göra stor skillnad.",
            ],
            "transcript": [
                "Inkludering är något vi gör, varje dag. Den syns i hur vi planerar möten, hur vi "
                "sprider information och vem som får vilka uppgifter.",
                "Fråga dig: får alla informationen i tid och i en form de kan ta till sig? Kommer "
                "alla till tals på mötena? Fördelas de roliga och de tunga uppgifterna rättvist "
                "mellan kvinnor och män, nya och gamla?",
                "Ofta räcker det med små ändringar – en runda på mötet, en text på lätt svenska, "
                "en fråga om vad någon behöver.",
            ],
            "guide_title": "Samtalsguide 3: Inkludering i praktiken",
            "intro": "Vi granskar våra egna rutiner med inkluderingsglasögon.",
            "goals": "Att gruppen hittar minst en rutin som kan bli mer inkluderande.",
            "preparation": "Ta med ett exempel på en vanlig rutin på arbetsplatsen, till exempel "
            "arbetsplatsträffen eller schemaläggningen.",
            "steps": [
                ("opening", "Inledning", 5,
                 "Vi berättar kort vad vi tar med oss från förra samtalet.", "", []),
                ("watch", "Film: Inkludering i praktiken", 10,
                 "Vi ser filmen tillsammans.", "", []),
                ("question_round", "Runda: när kände du dig delaktig?", 10,
                 "Var och en svarar kort.",
                 "Låt svaren stå kvar utan att kommentera dem.",
                 ["Berätta om ett tillfälle när du kände dig verkligen delaktig på jobbet.",
                  "Vad var det som gjorde skillnaden?"]),
                ("exercise", "Smågrupper: granska en rutin", 20,
                 "Välj en rutin och gå igenom den med frågorna nedan.",
                 "Föreslå arbetsplatsträffen om gruppen inte hittar någon rutin själv. "
                 "Påminn om jämställdhet och tillgänglighet.",
                 ["Vem får information först – och vem sist?",
                  "Vem kommer till tals, och vem gör det inte?",
                  "Hur fördelas uppgifterna mellan kvinnor och män, nya och erfarna?",
                  "Vad skulle behövas för att någon med en funktionsnedsättning kunde delta fullt ut?"],
                 "small_group"),
                ("reflection", "Reflektion", 10,
                 "Grupperna delar sitt bästa förslag.",
                 "Skriv upp förslagen. Fråga vem som kan ta förslaget vidare till chefen.",
                 ["Vilket förslag kan vi pröva redan nästa vecka?"]),
                ("closing", "Avslutning", 5,
                 "Vi sammanfattar förslagen.", "", []),
            ],
        },
        "en": {
            "module": "Inclusion in practice",
            "module_description": "Gender equality, accessibility and participation in daily work.",
            "segment_title": "Inclusion in practice",
            "summary": "How meetings, information and the sharing of tasks can include everyone.",
            "key_points": [
                "Inclusion shows in meetings, information and the sharing of tasks.",
                "Gender equality and accessibility are part of inclusion.",
                "Small changes in routines can make a big difference.",
            ],
            "transcript": [
                "Inclusion is something we do, every day. It shows in how we plan meetings, how we "
                "share information and who gets which tasks.",
                "Ask yourself: does everyone get the information in time and in a form they can "
                "take in? Does everyone get to speak in meetings? Are the fun tasks and the heavy "
                "ones shared fairly between women and men, new and long-serving staff?",
                "Often small changes are enough – a round in the meeting, a text in plain "
                "language, a question about what someone needs.",
            ],
            "guide_title": "Discussion guide 3: Inclusion in practice",
            "intro": "We look at our own routines through an inclusion lens.",
            "goals": "The group finds at least one routine that can become more inclusive.",
            "preparation": "Bring an example of an ordinary routine at the workplace, such as the "
            "staff meeting or the rota.",
            "steps": [
                ("opening", "Introduction", 5,
                 "We briefly say what we take with us from the last conversation.", "", []),
                ("watch", "Film: Inclusion in practice", 10,
                 "We watch the film together.", "", []),
                ("question_round", "Round: when did you feel included?", 10,
                 "Everyone answers briefly.",
                 "Let the answers stand without commenting on them.",
                 ["Tell about a time when you really felt included at work.",
                  "What made the difference?"]),
                ("exercise", "Small groups: look at a routine", 20,
                 "Choose a routine and go through it with the questions below.",
                 "Suggest the staff meeting if the group cannot find a routine. Remind them of "
                 "gender equality and accessibility.",
                 ["Who gets information first – and who last?",
                  "Who gets to speak, and who does not?",
                  "How are tasks shared between women and men, new and experienced staff?",
                  "What would be needed for someone with a disability to take full part?"],
                 "small_group"),
                ("reflection", "Reflection", 10,
                 "The groups share their best suggestion.",
                 "Write the suggestions down. Ask who can take each one to the manager.",
                 ["Which suggestion can we try next week?"]),
                ("closing", "Closing", 5,
                 "We sum up the suggestions.", "", []),
            ],
        },
    },
    {
        "slug": "nar-vi-tycker-olika",
        "sv": {
            "module": "När vi tycker olika",
            "module_description": "Att hantera oenighet med respekt – ett tillåtande och "
            "lösningsinriktat samtalsklimat.",
            "segment_title": "När vi tycker olika",
            "summary": "Olika åsikter är en tillgång när vi kan ta dem på allvar och ifrågasätta "
            "dem med respekt.",
            "key_points": [
                "Det är tillåtet att tycka olika – och att ändra sig.",
                "Ifrågasätt påståenden, inte personer.",
                "Lyssna för att förstå, inte för att svara.",
            ],
            "transcript": [
                "På en arbetsplats där alla tycker likadant är det ofta någon som inte säger vad "
                "den tycker. Olika åsikter är en tillgång – om vi kan hantera dem.",
                "Ett tillåtande samtalsklimat betyder att olika synsätt får komma fram, tas på "
                "allvar och också ifrågasätts. Det betyder inte att allt är okej att säga: kränkningar "
                "och generaliseringar om grupper av människor hör inte hemma här.",
                "När det blir hett: sakta ner, fråga vad den andra menar, och håll isär sak och person.",
            ],
            "guide_title": "Samtalsguide 4: När vi tycker olika",
            "intro": "Vi övar på att vara oeniga med respekt.",
            "goals": "Att gruppen kommer överens om hur den vill hantera oenighet.",
            "preparation": "Läs igenom stegen noga. Det här samtalet kan bli känsligt. Bestäm i "
            "förväg hur du bryter om någon blir kränkt, och vem du kan hänvisa till efteråt.",
            "steps": [
                ("opening", "Inledning och samtalsregler", 5,
                 "Vi påminner oss om samtalsreglerna.",
                 "Betona att vi ifrågasätter påståenden, inte personer.", []),
                ("watch", "Film: När vi tycker olika", 10,
                 "Vi ser filmen tillsammans.", "", []),
                ("question_round", "Runda: oenighet jag har mött", 10,
                 "Var och en berättar kort, utan namn.",
                 "Påminn om att inte nämna namn på kollegor.",
                 ["Berätta om en gång när en oenighet på jobbet hanterades bra.",
                  "Vad gjorde att det fungerade?"]),
                ("exercise", "Två och två: lyssna för att förstå", 15,
                 "Den ena berättar om något hen tycker är viktigt i arbetet. Den andra lyssnar och "
                 "sammanfattar utan att värdera. Byt sedan.",
                 "Välj ett ämne som inte är för laddat, till exempel hur man prioriterar en stressig "
                 "dag. Gå runt och lyssna.",
                 ["Hur kändes det att bli sammanfattad?",
                  "Var det svårt att låta bli att argumentera?"], "pair"),
                ("reflection", "Våra spelregler vid oenighet", 15,
                 "Vi formulerar tillsammans tre spelregler för hur vi hanterar oenighet.",
                 "Skriv upp förslagen och låt gruppen välja. Spara spelreglerna till samtal 5.",
                 ["Vad behöver du för att våga säga emot?",
                  "Hur vill vi att det ska låta när vi tycker olika?"]),
                ("closing", "Avslutning", 5,
                 "Vi läser spelreglerna högt.",
                 "Fråga om någon vill prata enskilt efteråt.", []),
            ],
        },
        "en": {
            "module": "When we disagree",
            "module_description": "Handling disagreement respectfully – an open, solution-focused "
            "climate.",
            "segment_title": "When we disagree",
            "summary": "Different opinions are an asset when we take them seriously and challenge "
            "them with respect.",
            "key_points": [
                "It is fine to disagree – and to change your mind.",
                "Challenge statements, not people.",
                "Listen to understand, not to reply.",
            ],
            "transcript": [
                "At a workplace where everyone agrees, someone is often not saying what they "
                "think. Different opinions are an asset – if we can handle them.",
                "An open climate means that different views come out, are taken seriously and are "
                "also challenged. It does not mean that anything goes: insults and "
                "generalisations about groups of people do not belong here.",
                "When it gets heated: slow down, ask what the other person means, and keep the "
                "issue apart from the person.",
            ],
            "guide_title": "Discussion guide 4: When we disagree",
            "intro": "We practise disagreeing with respect.",
            "goals": "The group agrees on how it wants to handle disagreement.",
            "preparation": "Read the steps carefully. This conversation can be sensitive. Decide "
            "beforehand how you will stop if someone is offended, and who you can refer to "
            "afterwards.",
            "steps": [
                ("opening", "Introduction and ground rules", 5,
                 "We remind ourselves of the ground rules.",
                 "Stress that we challenge statements, not people.", []),
                ("watch", "Film: When we disagree", 10,
                 "We watch the film together.", "", []),
                ("question_round", "Round: disagreement I have met", 10,
                 "Everyone tells briefly, without names.",
                 "Remind people not to name colleagues.",
                 ["Tell about a time when a disagreement at work was handled well.",
                  "What made it work?"]),
                ("exercise", "In pairs: listen to understand", 15,
                 "One person talks about something they find important at work. The other listens "
                 "and sums up without judging. Then swap.",
                 "Choose a topic that is not too charged, such as how to prioritise on a stressful "
                 "day. Walk round and listen.",
                 ["How did it feel to be summed up?",
                  "Was it hard not to argue?"], "pair"),
                ("reflection", "Our rules for disagreeing", 15,
                 "Together we write three rules for how we handle disagreement.",
                 "Write the suggestions down and let the group choose. Keep the rules for "
                 "conversation 5.",
                 ["What do you need to dare to disagree?",
                  "How do we want it to sound when we disagree?"]),
                ("closing", "Closing", 5,
                 "We read the rules aloud.",
                 "Ask whether anyone wants to talk privately afterwards.", []),
            ],
        },
    },
    {
        "slug": "var-vag-framat",
        "sv": {
            "module": "Vår väg framåt",
            "module_description": "Antidiskriminering och vad vi lovar varandra: arbetsplatsens "
            "gemensamma överenskommelse.",
            "segment_title": "Vår väg framåt",
            "summary": "Från samtal till handling: vad vi lovar varandra som arbetsplats.",
            "key_points": [
                "Alla har rätt att slippa diskriminering och kränkningar.",
                "En överenskommelse gör samtalen till handling.",
                "Följ upp – det som inte följs upp glöms bort.",
            ],
            "transcript": [
                "Det här är det sista samtalet i arbetsplatsprocessen. Nu samlar vi ihop det vi har "
                "pratat om: vilka vi är, våra oskrivna regler, våra rutiner och hur vi hanterar "
                "oenighet.",
                "Alla har rätt att slippa diskriminering och kränkande behandling på jobbet. Det "
                "är arbetsgivarens ansvar, men också något vi skapar tillsammans i vardagen.",
                "Avsluta med en överenskommelse: några få saker som vi lovar varandra, och en plan "
                "för hur vi följer upp dem.",
            ],
            "guide_title": "Samtalsguide 5: Vår väg framåt",
            "intro": "Vi sammanfattar samtalen och gör en gemensam överenskommelse.",
            "goals": "En skriftlig överenskommelse som chefen tar med i arbetsplatsens planering.",
            "preparation": "Ta med lapparna från samtal 1, reglerna från samtal 2, förslagen från "
            "samtal 3 och spelreglerna från samtal 4. Stäm av med chefen hur överenskommelsen ska "
            "följas upp.",
            "steps": [
                ("opening", "Tillbakablick", 5,
                 "Vi ser på det vi har skrivit under de fyra tidigare samtalen.",
                 "Sätt upp materialet från tidigare samtal på väggen.", []),
                ("watch", "Film: Vår väg framåt", 10,
                 "Vi ser filmen tillsammans.", "", []),
                ("question_round", "Runda: vad har förändrats?", 10,
                 "Var och en svarar kort.", "",
                 ["Vad har du tänkt på sedan vi började samtalen?",
                  "Har något förändrats i hur vi arbetar tillsammans?"]),
                ("exercise", "Smågrupper: förslag till överenskommelse", 15,
                 "Varje grupp föreslår högst tre saker vi lovar varandra.",
                 "Be grupperna formulera konkreta löften: ”Vi …” i stället för ”Man borde …”.",
                 ["Vad vill vi fortsätta med?",
                  "Vad vill vi sluta med?",
                  "Vad gör vi om någon blir diskriminerad eller kränkt?"], "small_group"),
                ("reflection", "Vår överenskommelse", 15,
                 "Vi väljer tillsammans ut de löften som ska stå i överenskommelsen.",
                 "Skriv ner överenskommelsen och lämna den till chefen. Bestäm ett datum för "
                 "uppföljning.",
                 ["Kan alla stå bakom överenskommelsen?",
                  "Hur och när följer vi upp den?"]),
                ("closing", "Avslutning och tack", 5,
                 "Vi avslutar arbetsplatsprocessen och berättar om enkäten efteråt.",
                 "Påminn om uppföljningsenkäten. Tacka gruppen för deras tid.", []),
            ],
        },
        "en": {
            "module": "Our way forward",
            "module_description": "Anti-discrimination and what we promise each other: the "
            "workplace's shared agreement.",
            "segment_title": "Our way forward",
            "summary": "From conversation to action: what we promise each other as a workplace.",
            "key_points": [
                "Everyone has the right to be free from discrimination and harassment.",
                "An agreement turns conversation into action.",
                "Follow up – what is not followed up is forgotten.",
            ],
            "transcript": [
                "This is the last conversation in the workplace process. Now we gather what we "
                "have talked about: who we are, our unwritten rules, our routines and how we "
                "handle disagreement.",
                "Everyone has the right to be free from discrimination and degrading treatment at "
                "work. That is the employer's responsibility, but also something we create "
                "together every day.",
                "End with an agreement: a few things we promise each other, and a plan for how we "
                "follow them up.",
            ],
            "guide_title": "Discussion guide 5: Our way forward",
            "intro": "We sum up the conversations and make a shared agreement.",
            "goals": "A written agreement that the manager includes in the workplace's planning.",
            "preparation": "Bring the notes from conversation 1, the rules from conversation 2, the "
            "suggestions from conversation 3 and the rules from conversation 4. Agree with the "
            "manager how the agreement will be followed up.",
            "steps": [
                ("opening", "Looking back", 5,
                 "We look at what we wrote in the four earlier conversations.",
                 "Put the material from earlier conversations on the wall.", []),
                ("watch", "Film: Our way forward", 10,
                 "We watch the film together.", "", []),
                ("question_round", "Round: what has changed?", 10,
                 "Everyone answers briefly.", "",
                 ["What have you thought about since we started the conversations?",
                  "Has anything changed in how we work together?"]),
                ("exercise", "Small groups: proposals for an agreement", 15,
                 "Each group proposes at most three things we promise each other.",
                 "Ask the groups for concrete promises: ‘We …’ rather than ‘One should …’.",
                 ["What do we want to continue?",
                  "What do we want to stop?",
                  "What do we do if someone is discriminated against or harassed?"], "small_group"),
                ("reflection", "Our agreement", 15,
                 "Together we choose the promises that go into the agreement.",
                 "Write the agreement down and give it to the manager. Set a date for follow-up.",
                 ["Can everyone stand behind the agreement?",
                  "How and when do we follow it up?"]),
                ("closing", "Closing and thanks", 5,
                 "We close the workplace process and say what the survey afterwards is about.",
                 "Remind people of the follow-up survey. Thank the group for their time.", []),
            ],
        },
    },
]
