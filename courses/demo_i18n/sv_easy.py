"""Lättläst svenska: the demo texts of the workplace track's five modules in easy-to-read Swedish.

Written from each module's Swedish texts in courses/demo_content.py: short sentences, common
words, one thing per sentence, no passive, and the words the material needs explained where they
first come. Reviewed. Shapes as in that module's "en" dict (step kinds and groupings unchanged).
"""

LANGUAGE = "sv-easy"
REVIEWED = True

INDEX = {
    "home_title": "Samtalsrum",
    "home_lead": "Samtal för en arbetsplats där alla får vara med.",
    "material_intro": "Här finns filmer och samtalsguider till programmet Vilka är vi?",
    "workplace_title": "Samtalen på arbetsplatsen",
    "workplace_intro": "Fem samtal. Varje samtal tar en timme. Till varje samtal finns en film och en "
    "samtalsguide.",
}

MODULES = [
    {
        "module": "Vilka är vi nu?",
        "module_description": "Vår arbetsplats har förändrats. Vi pratar om vilka vi är i dag. Vi "
        "pratar också om vilka vi vill vara.",
        "segment_title": "Vilka är vi nu?",
        "summary": "Vår arbetsplats förändras. Därför behöver vi prata om vilka vi är nu.",
        "key_points": [
            "Vi har fått nya kollegor. Det påverkar alla på arbetsplatsen.",
            "Ingen bestämmer vilka vi är. Vi kommer fram till det när vi pratar med varandra.",
            "Vi behöver allas erfarenheter. Då kan vi beskriva vilka vi är.",
        ],
        "transcript": [
            "Välkommen till det första samtalet. Våra arbetsplatser har förändrats de senaste åren. "
            "Vi har fått nya kollegor. De kommer från andra yrken, andra orter och andra länder. "
            "Många som bor i kommunen i dag är födda i ett annat land.",
            "Ibland behöver vi stanna upp och fråga oss: Vilka är vi nu? Vad gör oss till en "
            "arbetsplats? Hur vill vi att nya kollegor ska ha det hos oss? Vi pratar alltså om vår "
            "identitet. Identitet betyder vilka vi är och vad som är viktigt för oss.",
            "Det finns inget rätt svar. I dag får alla berätta något om sig själva. Alla lyssnar "
            "också på de andra. Tillsammans börjar vi beskriva hur vi ser på vår arbetsplats.",
        ],
        "guide_title": "Samtalsguide 1: Vilka är vi nu?",
        "intro": "Det första samtalet handlar om vår arbetsplats. Vi pratar om hur den är i dag.",
        "goals": "Alla ska få prata. Gruppen börjar beskriva vilka vi är tillsammans.",
        "preparation": "Titta på filmen före samtalet. Välj ett rum där alla kan se varandra. Ta "
        "fram papper och pennor. Tänk på hur du själv skulle svara på frågorna.",
        "steps": [
            ("opening", "Välkommen och regler för samtalet", 5,
             "Vi bestämmer hur vi pratar med varandra. En person pratar i taget. Vi lyssnar för att "
             "förstå. Det vi säger här stannar i rummet.",
             "Skriv gärna reglerna på en tavla. Fråga om gruppen vill ha fler regler.", []),
            ("watch", "Film: Vilka är vi nu?", 10,
             "Vi tittar på filmen tillsammans.",
             "Filmen är kort. Låt gruppen sitta tyst en halv minut efter filmen. Ställ sedan den "
             "första frågan.", []),
            ("question_round", "Runda: min väg hit", 15,
             "Alla svarar kort, en i taget. Du får stå över om du vill.",
             "Börja själv. Då visar du att ett svar kan vara kort. Håll koll på tiden. Varje person "
             "har ungefär en minut.",
             ["Hur kom du till den här arbetsplatsen?",
              "Hur var det att vara ny här?"]),
            ("exercise", "Två och två: vad gör oss till oss?", 15,
             "Prata med en kollega. Skriv ner tre saker som beskriver er arbetsplats i dag.",
             "Låt gärna personer som inte brukar jobba ihop prata med varandra. Samla in lapparna.",
             ["Vad är vi bra på som arbetsplats?",
              "Vad har förändrats de senaste åren?",
              "Hur vill vi att en ny kollega ska känna sig efter den första veckan?"], "pair"),
            ("reflection", "Vi tänker tillsammans", 10,
             "Vi läser lapparna högt. Vi ser vad som kommer tillbaka flera gånger.",
             "Sortera lapparna på tavlan. Prata om det som är lika och det som är olika. Det är "
             "inget problem att vi är olika.",
             ["Vilka är vi nu? Säg det med några få ord.",
              "Saknas det något i bilden av oss?"]),
            ("closing", "Avslutning", 5,
             "Vi sammanfattar samtalet. Vi berättar vad nästa samtal handlar om.",
             "Spara lapparna. Ni behöver dem i samtal 5. Tacka gruppen.", []),
        ],
    },
    {
        "module": "Kultur och oskrivna regler",
        "module_description": "Vi pratar om kultur och språk. Vi pratar också om regler som ingen "
        "har skrivit ner.",
        "segment_title": "Kultur och oskrivna regler",
        "summary": "Alla arbetsplatser har oskrivna regler. Det är regler som ingen har skrivit "
        "ner. Vi märker dem först när någon inte känner till dem.",
        "key_points": [
            "Alla har en kultur. Också den som känner sig ”vanlig” har en kultur.",
            "Oskrivna regler kan stänga ute en kollega. Det kan hända fast ingen vill det.",
            "Börja med att vara nyfiken på dig själv och dina egna vanor.",
        ],
        "transcript": [
            "Kultur är inte bara något som andra har. Kultur är våra vanor och det vi tycker är "
            "viktigt. Kultur är också hur vi pratar och hur vi visar vad vi menar. Vi tänker sällan "
            "på vår egen kultur.",
            "På en arbetsplats märks kulturen i de oskrivna reglerna. Det kan vara hur vi hälsar och "
            "när vi fikar. Det kan vara hur rakt vi säger emot chefen. Det kan också vara vilket "
            "språk vi pratar i personalrummet.",
            "Vi kan vara nyfikna på hur andra gör. Vi kan också vara nyfikna på hur vi själva gör. "
            "Vi tror inte att vårt sätt är det enda rätta. Det kallas ett interkulturellt "
            "förhållningssätt.",
        ],
        "guide_title": "Samtalsguide 2: Kultur och oskrivna regler",
        "intro": "Vi letar fram arbetsplatsens oskrivna regler. Det är regler som ingen har skrivit "
        "ner.",
        "goals": "Gruppen ser sina oskrivna regler. Gruppen förstår hur reglerna påverkar nya "
        "kollegor och kollegor som är olika.",
        "preparation": "Tänk på en oskriven regel som du själv har upptäckt. Exemplen kan väcka "
        "starka känslor. Var beredd på det.",
        "steps": [
            ("opening", "Vi minns förra samtalet", 5,
             "Vi pratar om vad vi kom fram till förra gången.",
             "Visa gärna lapparna från samtal 1.", []),
            ("watch", "Film: Kultur och oskrivna regler", 10,
             "Vi tittar på filmen tillsammans.", "", []),
            ("question_round", "Runda: en regel jag upptäckte", 15,
             "Alla berättar om en regel som ingen har skrivit ner.",
             "Om ingen säger något: berätta ditt eget exempel först.",
             ["Vilken oskriven regel upptäckte du när du var ny här?",
              "Vilken regel följer du utan att tänka på den?"]),
            ("exercise", "Små grupper: våra regler", 15,
             "Dela upp er i grupper med tre till fem personer. Skriv en lista med arbetsplatsens "
             "oskrivna regler.",
             "Fråga efter regler om fika, språk, kläder och raster. Fråga också hur man säger emot. "
             "Se till att ingen pekar ut en kollega.",
             ["Vilka regler hjälper oss?",
              "Vilka regler kan stänga ute någon?",
              "Vilken regel vill vi ändra?"], "small_group"),
            ("reflection", "Vi tänker tillsammans", 10,
             "Grupperna berättar kort vad de kom fram till.",
             "Skriv upp de regler som gruppen vill ändra. Ni behöver dem i samtal 5.",
             ["Vad var lättast att prata om? Vad var svårast?",
              "Vad kan vi göra på ett annat sätt redan i morgon?"]),
            ("closing", "Avslutning", 5,
             "Vi tackar varandra. Vi pratar om hur samtalet kändes.", "", []),
        ],
    },
    {
        "module": "Inkludering i praktiken",
        "module_description": "Vi pratar om hur alla kan vara med i arbetet varje dag. Det handlar "
        "också om jämställdhet och tillgänglighet.",
        "segment_title": "Inkludering i praktiken",
        "summary": "Inkludering betyder att alla får vara med på riktigt. Vi kan göra det i möten "
        "och i information. Vi kan också göra det när vi delar upp arbetet.",
        "key_points": [
            "Vi ser inkludering i möten, i information och i hur vi delar upp arbetet.",
            "Jämställdhet hör till inkluderingen. Jämställdhet betyder att kvinnor och män har samma "
            "möjligheter.",
            "Tillgänglighet hör också till inkluderingen. Tillgänglighet betyder att alla kan vara "
            "med, också den som har en funktionsnedsättning.",
        ],
        "transcript": [
            "Inkludering är något vi gör varje dag. Vi gör det när vi planerar möten. Vi gör det när "
            "vi berättar saker för varandra. Vi gör det när vi bestämmer vem som gör vilka "
            "uppgifter.",
            "Fråga dig själv: Får alla informationen i tid? Får alla informationen på ett sätt som "
            "de förstår? Får alla prata på mötena? Får kvinnor och män lika många roliga uppgifter "
            "och lika många tunga uppgifter? Får nya och gamla kollegor det?",
            "Ofta räcker det med små ändringar. Alla kan få säga något på mötet. Vi kan skriva en "
            "text på lätt svenska. Vi kan fråga en kollega vad hen behöver.",
        ],
        "guide_title": "Samtalsguide 3: Inkludering i praktiken",
        "intro": "Vi tittar på hur vi brukar göra på jobbet. Vi frågar oss om alla får vara med.",
        "goals": "Gruppen hittar minst ett sätt att göra så att fler får vara med.",
        "preparation": "Ta med ett exempel på något ni brukar göra på arbetsplatsen. Det kan vara "
        "arbetsplatsträffen eller hur ni gör schemat.",
        "steps": [
            ("opening", "Inledning", 5,
             "Vi berättar kort vad vi minns från förra samtalet.", "", []),
            ("watch", "Film: Inkludering i praktiken", 10,
             "Vi tittar på filmen tillsammans.", "", []),
            ("question_round", "Runda: när fick du vara med på riktigt?", 10,
             "Alla svarar kort, en i taget.",
             "Kommentera inte svaren. Låt dem vara som de är.",
             ["Berätta om en gång när du verkligen fick vara med på jobbet.",
              "Vad gjorde skillnaden?"]),
            ("exercise", "Små grupper: titta på en rutin", 20,
             "En rutin är något som ni brukar göra på jobbet. Välj en rutin. Prata om den med hjälp "
             "av frågorna.",
             "Föreslå arbetsplatsträffen om gruppen inte hittar en rutin själv. Påminn gruppen om "
             "jämställdhet och tillgänglighet.",
             ["Vem får veta saker först? Vem får veta sist?",
              "Vem får prata, och vem får inte prata?",
              "Hur delar vi upp uppgifterna mellan kvinnor och män? Och mellan nya kollegor och de "
              "som har jobbat länge?",
              "Vad behöver en kollega med en funktionsnedsättning för att kunna vara med fullt ut?"],
             "small_group"),
            ("reflection", "Vi tänker tillsammans", 10,
             "Grupperna berättar om sitt bästa förslag.",
             "Skriv upp förslagen. Fråga vem som kan ta förslaget till chefen.",
             ["Vilket förslag kan vi prova redan nästa vecka?"]),
            ("closing", "Avslutning", 5,
             "Vi sammanfattar förslagen.", "", []),
        ],
    },
    {
        "module": "När vi tycker olika",
        "module_description": "Vi lär oss att tycka olika och ändå visa respekt. Alla ska våga säga "
        "vad de tycker.",
        "segment_title": "När vi tycker olika",
        "summary": "Det är bra att vi tycker olika. Vi tar andras åsikter på allvar. Vi får också "
        "fråga om de stämmer, med respekt.",
        "key_points": [
            "Du får tycka olika. Du får också ändra dig.",
            "Ifrågasätt det någon säger, inte personen. Ifrågasätta betyder att fråga om något "
            "verkligen stämmer.",
            "Lyssna för att förstå. Lyssna inte bara för att svara.",
        ],
        "transcript": [
            "Ibland tycker alla på en arbetsplats likadant. Då är det ofta någon som inte säger vad "
            "hen tycker. Olika åsikter är bra för arbetsplatsen. Men vi måste kunna hantera dem.",
            "Alla får säga vad de tycker. Vi tar åsikterna på allvar. Vi får också ifrågasätta dem. "
            "Men vi får inte säga vad som helst. Vi kränker ingen. Kränka betyder att säga eller "
            "göra något som sårar en annan person. Vi säger inte heller att alla i en grupp av "
            "människor är på ett visst sätt.",
            "Ibland blir samtalet hett. Då kan du prata lugnare. Fråga vad den andra personen menar. "
            "Prata om saken och inte om personen.",
        ],
        "guide_title": "Samtalsguide 4: När vi tycker olika",
        "intro": "Vi övar på att tycka olika och ändå visa respekt.",
        "goals": "Gruppen kommer överens om vad vi gör när vi tycker olika.",
        "preparation": "Läs stegen noga. Samtalet kan bli känsligt. Bestäm i förväg hur du avbryter "
        "samtalet om någon känner sig kränkt. Ta reda på vem personen kan prata med efter samtalet.",
        "steps": [
            ("opening", "Inledning och regler för samtalet", 5,
             "Vi påminner oss om reglerna för hur vi pratar med varandra.",
             "Säg tydligt att vi ifrågasätter det någon säger, inte personen.", []),
            ("watch", "Film: När vi tycker olika", 10,
             "Vi tittar på filmen tillsammans.", "", []),
            ("question_round", "Runda: när vi inte var överens", 10,
             "Alla berättar kort. Säg inga namn.",
             "Påminn gruppen om att inte säga namn på kollegor.",
             ["Berätta om en gång när ni inte var överens på jobbet och det gick bra.",
              "Vad gjorde att det gick bra?"]),
            ("exercise", "Två och två: lyssna för att förstå", 15,
             "En person berättar om något som hen tycker är viktigt i jobbet. Den andra personen "
             "lyssnar. Sedan säger hen kort vad hen hörde. Hen säger inte om det är bra eller "
             "dåligt. Sedan byter ni.",
             "Välj ett ämne som inte är för känsligt. Ett exempel är vad man gör först en stressig "
             "dag. Gå runt och lyssna.",
             ["Hur kändes det när någon sa vad du hade sagt?",
              "Var det svårt att låta bli att diskutera?"], "pair"),
            ("reflection", "Våra regler när vi tycker olika", 15,
             "Vi skriver tillsammans tre regler för vad vi gör när vi tycker olika.",
             "Skriv upp förslagen. Låt gruppen välja. Spara reglerna. Ni behöver dem i samtal 5.",
             ["Vad behöver du för att våga säga emot?",
              "Hur vill vi prata med varandra när vi tycker olika?"]),
            ("closing", "Avslutning", 5,
             "Vi läser reglerna högt.",
             "Fråga om någon vill prata med dig ensam efter samtalet.", []),
        ],
    },
    {
        "module": "Vår väg framåt",
        "module_description": "Vi pratar om diskriminering. Vi kommer överens om vad vi lovar "
        "varandra på arbetsplatsen.",
        "segment_title": "Vår väg framåt",
        "summary": "Nu gör vi något av det vi har pratat om. Vi lovar varandra saker som "
        "arbetsplats.",
        "key_points": [
            "Ingen får diskriminera eller kränka en kollega. Diskriminera betyder att behandla någon "
            "sämre än andra.",
            "En överenskommelse är det vi lovar varandra. Med den gör vi något av samtalen.",
            "Följ upp det ni har bestämt. Annars glömmer ni det.",
        ],
        "transcript": [
            "Det här är det sista samtalet. Nu samlar vi ihop det vi har pratat om. Vi har pratat om "
            "vilka vi är och om våra oskrivna regler. Vi har pratat om hur vi brukar göra. Vi har "
            "också pratat om vad vi gör när vi tycker olika.",
            "Alla har rätt att slippa diskriminering och kränkningar på jobbet. Diskriminering "
            "betyder att någon behandlar dig sämre än andra. Det kan till exempel vara för ditt kön, "
            "ditt ursprung eller din religion. Arbetsgivaren har ansvaret. Men vi skapar också en "
            "bra arbetsplats tillsammans, varje dag.",
            "Vi avslutar med en överenskommelse. Det är några saker som vi lovar varandra. Vi gör "
            "också en plan. Planen visar hur vi ser att vi håller det vi lovar.",
        ],
        "guide_title": "Samtalsguide 5: Vår väg framåt",
        "intro": "Vi sammanfattar alla samtal. Vi kommer överens om vad vi lovar varandra.",
        "goals": "Vi skriver ner vad vi lovar varandra. Chefen tar med det i arbetsplatsens "
        "planering.",
        "preparation": "Ta med lapparna från samtal 1 och reglerna från samtal 2. Ta också med "
        "förslagen från samtal 3 och reglerna från samtal 4. Prata med chefen om hur ni ska följa "
        "upp överenskommelsen.",
        "steps": [
            ("opening", "Vi ser tillbaka", 5,
             "Vi tittar på det vi har skrivit i de fyra samtalen innan.",
             "Sätt upp lapparna och listorna från samtalen på väggen.", []),
            ("watch", "Film: Vår väg framåt", 10,
             "Vi tittar på filmen tillsammans.", "", []),
            ("question_round", "Runda: vad har förändrats?", 10,
             "Alla svarar kort, en i taget.", "",
             ["Vad har du tänkt på sedan vi började med samtalen?",
              "Har något förändrats i hur vi jobbar tillsammans?"]),
            ("exercise", "Små grupper: vad vill vi lova varandra?", 15,
             "Varje grupp föreslår högst tre saker som vi lovar varandra.",
             "Be grupperna skriva tydliga löften. De ska skriva ”Vi …” och inte ”Man borde …”.",
             ["Vad vill vi fortsätta med?",
              "Vad vill vi sluta med?",
              "Vad gör vi om någon diskriminerar eller kränker en kollega?"], "small_group"),
            ("reflection", "Vår överenskommelse", 15,
             "Vi väljer tillsammans vilka löften vi vill ha med i överenskommelsen.",
             "Skriv ner överenskommelsen. Ge den till chefen. Bestäm en dag då ni följer upp den.",
             ["Håller alla med om överenskommelsen?",
              "Hur och när följer vi upp den?"]),
            ("closing", "Avslutning och tack", 5,
             "Nu är samtalen slut. Efter samtalen kommer en enkät. En enkät är några frågor som du "
             "svarar på.",
             "Påminn om enkäten. Tacka gruppen för deras tid.", []),
        ],
    },
]
