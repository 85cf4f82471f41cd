"""The figures of tests/surveys/test_results_figures.py, as the results pages showed them before the
queries behind them were rewritten. Generated once from the pages; edit only with a reason."""

PINNED = {
    "O1": {
        "frågor": {
            "Hur trygg känner du dig när åsikter krockar?": {
                "visas": [
                    "Formuleringen efter: Hur trygg känner du dig när åsikter krockar numera?",
                    "Medel före 4,84 n = 25",
                    "Medel efter 4,85 n = 20",
                    "Förändring (parade svar) 0,10 95 % KI -2,02 till 2,22, n = 20",
                    "Effektstorlek r = 0,00 d z = 0,02",
                    "Wilcoxons teckenrangtest p = 1,000 ingen säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Hur trygg känner du dig när åsikter krockar?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "0 – Inte alls | 3 | 12 % | 1 | 5 % |",
                    "1 | 2 | 8 % | 1 | 5 % |",
                    "2 | 2 | 8 % | 2 | 10 % |",
                    "3 | 3 | 12 % | 2 | 10 % |",
                    "4 | 2 | 8 % | 4 | 20 % |",
                    "5 | 2 | 8 % | 2 | 10 % |",
                    "6 | 3 | 12 % | 3 | 15 % |",
                    "7 | 1 | 4 % | 1 | 5 % |",
                    "8 | 2 | 8 % | 2 | 10 % |",
                    "9 | 3 | 12 % | 1 | 5 % |",
                    "10 – Helt och hållet | 2 | 8 % | 1 | 5 % |",
                ]
            },
            "Jag känner att jag hör till på min arbetsplats": {
                "visas": [
                    "Formuleringen efter: Jag känner att jag hör till på min arbetsplats numera",
                    "Medel före 3,00 n = 25",
                    "Medel efter 3,70 n = 20",
                    "Förändring (parade svar) 0,70 95 % KI 0,36 till 1,04, n = 20",
                    "Effektstorlek r = 1,00 d z = 0,96",
                    "Wilcoxons teckenrangtest p = 0,002 statistiskt säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Jag känner att jag hör till på min arbetsplats",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Instämmer inte alls | 5 | 20 % | 2 | 10 % |",
                    "Instämmer lite | 5 | 20 % | 2 | 10 % |",
                    "Instämmer delvis | 5 | 20 % | 4 | 20 % |",
                    "Instämmer till stor del | 5 | 20 % | 4 | 20 % |",
                    "Instämmer helt | 5 | 20 % | 8 | 40 % |",
                ]
            },
            "Något mer du vill säga?": {
                "fritext": [
                    "Före Hemtjänsten Norr 0",
                    "Före Hemtjänsten Norr 2",
                    "Före Hemtjänsten Norr 4",
                    "Före Hemtjänsten Norr 6",
                    "Före Köket 0",
                    "Före Köket 2",
                    "Före Äldreboendet Solgården 0",
                    "Före Äldreboendet Solgården 10",
                    "Före Äldreboendet Solgården 12",
                    "Före Äldreboendet Solgården 14",
                    "Före Äldreboendet Solgården 2",
                    "Före Äldreboendet Solgården 4",
                    "Före Äldreboendet Solgården 6",
                    "Före Äldreboendet Solgården 8",
                ],
                "visas": ["Fritextsvar i slumpvis ordning."],
            },
            "Vad har ni pratat om?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vad har ni pratat om?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Språk | 8 | 32 % | 12 | 60 % |",
                    "Religion | 9 | 36 % | 14 | 70 % |",
                    "Humor | 8 | 32 % | 4 | 20 % |",
                ]
            },
            "Vilken roll har du?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vilken roll har du?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Medarbetare | 5 | 28 % | 7 | 35 % |",
                    "Chef | 7 | 39 % | 7 | 35 % |",
                    "Annan | 6 | 33 % | 6 | 30 % |",
                ]
            },
        },
        "svar": ["Före 25 svarsfrekvens 100 %", "Efter 20 svarsfrekvens 100 %"],
    },
    "O2": {
        "frågor": {
            "Hur trygg känner du dig när åsikter krockar?": {
                "visas": [
                    "Formuleringen efter: Hur trygg känner du dig när åsikter krockar numera?",
                    "Medel före 4,75 n = 8",
                    "Medel efter 4,33 n = 6",
                    "Förändring (parade svar) – visas "
                    "inte: färre än 5 har svarat både "
                    "före och efter, eller så skulle "
                    "jämförelsen avslöja någons svar",
                    "Visa siffrorna som tabell",
                    "Hur trygg känner du dig när åsikter krockar?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "0 – Inte alls | 1 | 13 % | 1 | 17 % |",
                    "1 | 1 | 13 % | 1 | 17 % |",
                    "2 | 0 | 0 % | 0 | 0 % |",
                    "3 | 1 | 13 % | 0 | 0 % |",
                    "4 | 1 | 13 % | 1 | 17 % |",
                    "5 | 0 | 0 % | 1 | 17 % |",
                    "6 | 1 | 13 % | 0 | 0 % |",
                    "7 | 1 | 13 % | 0 | 0 % |",
                    "8 | 1 | 13 % | 2 | 33 % |",
                    "9 | 1 | 13 % | 0 | 0 % |",
                    "10 – Helt och hållet | 0 | 0 % | 0 | 0 % |",
                ]
            },
            "Jag känner att jag hör till på min arbetsplats": {
                "visas": [
                    "Formuleringen efter: Jag känner att jag hör till på min arbetsplats numera",
                    "Medel före 3,00 n = 8",
                    "Medel efter 3,67 n = 6",
                    "Förändring (parade svar) – visas "
                    "inte: färre än 5 har svarat både "
                    "före och efter, eller så skulle "
                    "jämförelsen avslöja någons svar",
                    "Visa siffrorna som tabell",
                    "Jag känner att jag hör till på min arbetsplats",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Instämmer inte alls | 1 | 13 % | 0 | 0 % |",
                    "Instämmer lite | 2 | 25 % | 2 | 33 % |",
                    "Instämmer delvis | 2 | 25 % | 0 | 0 % |",
                    "Instämmer till stor del | 2 | 25 % | 2 | 33 % |",
                    "Instämmer helt | 1 | 13 % | 2 | 33 % |",
                ]
            },
            "Något mer du vill säga?": {
                "fritext": [
                    "Före Orsa bibliotek 0",
                    "Före Orsa bibliotek 1",
                    "Före Orsa bibliotek 2",
                    "Före Orsa bibliotek 3",
                    "Före Orsa bibliotek 4",
                    "Före Orsa bibliotek 5",
                    "Före Orsa bibliotek 6",
                    "Före Orsa bibliotek 7",
                ],
                "visas": ["Fritextsvar i slumpvis ordning."],
            },
            "Vad har ni pratat om?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vad har ni pratat om?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Språk | 3 | 38 % | 4 | 67 % |",
                    "Religion | 3 | 38 % | 4 | 67 % |",
                    "Humor | 2 | 25 % | 1 | 17 % |",
                ]
            },
            "Vilken roll har du?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vilken roll har du?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Medarbetare | 2 | 33 % | 2 | 33 % |",
                    "Chef | 2 | 33 % | 2 | 33 % |",
                    "Annan | 2 | 33 % | 2 | 33 % |",
                ]
            },
        },
        "svar": ["Före 8 svarsfrekvens 100 %", "Efter 6 svarsfrekvens 100 %"],
    },
    "W1": {
        "frågor": {
            "Hur trygg känner du dig när åsikter krockar?": {
                "visas": [
                    "Formuleringen efter: Hur trygg känner du dig när åsikter krockar numera?",
                    "Medel före 4,87 n = 15",
                    "Medel efter 4,70 n = 10",
                    "Förändring (parade svar) 0,00 95 % KI -3,16 till 3,16, n = 10",
                    "Effektstorlek r = 0,02 d z = 0,00",
                    "Wilcoxons teckenrangtest p = 0,953 ingen säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Hur trygg känner du dig när åsikter krockar?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "0 – Inte alls | 2 | 13 % | 1 | 10 % |",
                    "1 | 1 | 7 % | 0 | 0 % |",
                    "2 | 1 | 7 % | 1 | 10 % |",
                    "3 | 2 | 13 % | 2 | 20 % |",
                    "4 | 1 | 7 % | 2 | 20 % |",
                    "5 | 1 | 7 % | 0 | 0 % |",
                    "6 | 2 | 13 % | 1 | 10 % |",
                    "7 | 1 | 7 % | 1 | 10 % |",
                    "8 | 1 | 7 % | 1 | 10 % |",
                    "9 | 2 | 13 % | 0 | 0 % |",
                    "10 – Helt och hållet | 1 | 7 % | 1 | 10 % |",
                ]
            },
            "Jag känner att jag hör till på min arbetsplats": {
                "visas": [
                    "Formuleringen efter: Jag känner att jag hör till på min arbetsplats numera",
                    "Medel före 3,00 n = 15",
                    "Medel efter 3,70 n = 10",
                    "Förändring (parade svar) 0,70 95 % KI 0,11 till 1,29, n = 10",
                    "Effektstorlek r = 1,00 d z = 0,85",
                    "Wilcoxons teckenrangtest p = 0,063 ingen säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Jag känner att jag hör till på min arbetsplats",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Instämmer inte alls | 3 | 20 % | 1 | 10 % |",
                    "Instämmer lite | 3 | 20 % | 1 | 10 % |",
                    "Instämmer delvis | 3 | 20 % | 2 | 20 % |",
                    "Instämmer till stor del | 3 | 20 % | 2 | 20 % |",
                    "Instämmer helt | 3 | 20 % | 4 | 40 % |",
                ]
            },
            "Något mer du vill säga?": {
                "fritext": [
                    "Före Äldreboendet Solgården 0",
                    "Före Äldreboendet Solgården 10",
                    "Före Äldreboendet Solgården 12",
                    "Före Äldreboendet Solgården 14",
                    "Före Äldreboendet Solgården 2",
                    "Före Äldreboendet Solgården 4",
                    "Före Äldreboendet Solgården 6",
                    "Före Äldreboendet Solgården 8",
                ],
                "visas": ["Fritextsvar i slumpvis ordning."],
            },
            "Vad har ni pratat om?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vad har ni pratat om?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Språk | 5 | 33 % | 6 | 60 % |",
                    "Religion | 5 | 33 % | 7 | 70 % |",
                    "Humor | 5 | 33 % | 2 | 20 % |",
                ]
            },
            "Vilken roll har du?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vilken roll har du?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Medarbetare | 3 | 27 % | 4 | 40 % |",
                    "Chef | 4 | 36 % | 3 | 30 % |",
                    "Annan | 4 | 36 % | 3 | 30 % |",
                ]
            },
        },
        "svar": ["Före 15 svarsfrekvens 100 %", "Efter 10 svarsfrekvens 100 %"],
    },
    "W2": {
        "dolt": [
            "Resultaten visas inte",
            "Gruppen döljs för att skydda andra: om den visades skulle man kunna räkna fram svaren från "
            "färre än 5 personer, genom att jämföra med andra grupper eller med hur resultatet såg ut "
            "tidigare.",
        ],
        "frågor": {},
        "svar": ["Före färre än 5 eller dolt", "Efter färre än 5 eller dolt"],
    },
    "W3": {
        "dolt": [
            "Resultaten visas inte",
            "Färre än 5 personer har svarat i den här gruppen. För att ingen ska kunna lista ut vad en "
            "enskild person har svarat visas resultat bara när minst 5 har svarat.",
        ],
        "frågor": {},
        "svar": ["Före färre än 5 eller dolt", "Efter färre än 5 eller dolt"],
    },
    "W4": {
        "frågor": {
            "Hur trygg känner du dig när åsikter krockar?": {
                "visas": [
                    "Formuleringen efter: Hur trygg känner du dig när åsikter krockar numera?",
                    "Medel före 4,75 n = 8",
                    "Medel efter 4,33 n = 6",
                    "Förändring (parade svar) – visas "
                    "inte: färre än 5 har svarat både "
                    "före och efter, eller så skulle "
                    "jämförelsen avslöja någons svar",
                    "Visa siffrorna som tabell",
                    "Hur trygg känner du dig när åsikter krockar?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "0 – Inte alls | 1 | 13 % | 1 | 17 % |",
                    "1 | 1 | 13 % | 1 | 17 % |",
                    "2 | 0 | 0 % | 0 | 0 % |",
                    "3 | 1 | 13 % | 0 | 0 % |",
                    "4 | 1 | 13 % | 1 | 17 % |",
                    "5 | 0 | 0 % | 1 | 17 % |",
                    "6 | 1 | 13 % | 0 | 0 % |",
                    "7 | 1 | 13 % | 0 | 0 % |",
                    "8 | 1 | 13 % | 2 | 33 % |",
                    "9 | 1 | 13 % | 0 | 0 % |",
                    "10 – Helt och hållet | 0 | 0 % | 0 | 0 % |",
                ]
            },
            "Jag känner att jag hör till på min arbetsplats": {
                "visas": [
                    "Formuleringen efter: Jag känner att jag hör till på min arbetsplats numera",
                    "Medel före 3,00 n = 8",
                    "Medel efter 3,67 n = 6",
                    "Förändring (parade svar) – visas "
                    "inte: färre än 5 har svarat både "
                    "före och efter, eller så skulle "
                    "jämförelsen avslöja någons svar",
                    "Visa siffrorna som tabell",
                    "Jag känner att jag hör till på min arbetsplats",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Instämmer inte alls | 1 | 13 % | 0 | 0 % |",
                    "Instämmer lite | 2 | 25 % | 2 | 33 % |",
                    "Instämmer delvis | 2 | 25 % | 0 | 0 % |",
                    "Instämmer till stor del | 2 | 25 % | 2 | 33 % |",
                    "Instämmer helt | 1 | 13 % | 2 | 33 % |",
                ]
            },
            "Något mer du vill säga?": {
                "fritext": [
                    "Före Orsa bibliotek 0",
                    "Före Orsa bibliotek 1",
                    "Före Orsa bibliotek 2",
                    "Före Orsa bibliotek 3",
                    "Före Orsa bibliotek 4",
                    "Före Orsa bibliotek 5",
                    "Före Orsa bibliotek 6",
                    "Före Orsa bibliotek 7",
                ],
                "visas": ["Fritextsvar i slumpvis ordning."],
            },
            "Vad har ni pratat om?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vad har ni pratat om?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Språk | 3 | 38 % | 4 | 67 % |",
                    "Religion | 3 | 38 % | 4 | 67 % |",
                    "Humor | 2 | 25 % | 1 | 17 % |",
                ]
            },
            "Vilken roll har du?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vilken roll har du?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Medarbetare | 2 | 33 % | 2 | 33 % |",
                    "Chef | 2 | 33 % | 2 | 33 % |",
                    "Annan | 2 | 33 % | 2 | 33 % |",
                ]
            },
        },
        "svar": ["Före 8 svarsfrekvens 100 %", "Efter 6 svarsfrekvens 100 %"],
    },
    "program": {
        "frågor": {
            "Hur trygg känner du dig när åsikter krockar?": {
                "visas": [
                    "Formuleringen efter: Hur trygg känner du dig när åsikter krockar numera?",
                    "Medel före 4,82 n = 33",
                    "Medel efter 4,73 n = 26",
                    "Förändring (parade svar) 0,04 95 % KI -1,91 till 1,98, n = 26",
                    "Effektstorlek r = -0,03 d z = 0,01",
                    "Wilcoxons teckenrangtest p = 0,909 ingen säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Hur trygg känner du dig när åsikter krockar?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "0 – Inte alls | 4 | 12 % | 2 | 8 % |",
                    "1 | 3 | 9 % | 2 | 8 % |",
                    "2 | 2 | 6 % | 2 | 8 % |",
                    "3 | 4 | 12 % | 2 | 8 % |",
                    "4 | 3 | 9 % | 5 | 19 % |",
                    "5 | 2 | 6 % | 3 | 12 % |",
                    "6 | 4 | 12 % | 3 | 12 % |",
                    "7 | 2 | 6 % | 1 | 4 % |",
                    "8 | 3 | 9 % | 4 | 15 % |",
                    "9 | 4 | 12 % | 1 | 4 % |",
                    "10 – Helt och hållet | 2 | 6 % | 1 | 4 % |",
                ]
            },
            "Jag känner att jag hör till på min arbetsplats": {
                "visas": [
                    "Formuleringen efter: Jag känner att jag hör till på min arbetsplats numera",
                    "Medel före 3,00 n = 33",
                    "Medel efter 3,69 n = 26",
                    "Förändring (parade svar) 0,73 95 % KI 0,44 till 1,02, n = 26",
                    "Effektstorlek r = 1,00 d z = 1,01",
                    "Wilcoxons teckenrangtest p < 0,001 statistiskt säkerställd skillnad",
                    "Visa siffrorna som tabell",
                    "Jag känner att jag hör till på min arbetsplats",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Instämmer inte alls | 6 | 18 % | 2 | 8 % |",
                    "Instämmer lite | 7 | 21 % | 4 | 15 % |",
                    "Instämmer delvis | 7 | 21 % | 4 | 15 % |",
                    "Instämmer till stor del | 7 | 21 % | 6 | 23 % |",
                    "Instämmer helt | 6 | 18 % | 10 | 38 % |",
                ]
            },
            "Något mer du vill säga?": {
                "fritext": [
                    "Efter Hemtjänsten Norr 0",
                    "Efter Hemtjänsten Norr 3",
                    "Efter Hemtjänsten Norr 6",
                    "Efter Köket 0",
                    "Efter Orsa bibliotek 0",
                    "Efter Orsa bibliotek 3",
                    "Efter Äldreboendet Solgården 0",
                    "Efter Äldreboendet Solgården 3",
                    "Efter Äldreboendet Solgården 6",
                    "Efter Äldreboendet Solgården 9",
                    "Före Hemtjänsten Norr 0",
                    "Före Hemtjänsten Norr 2",
                    "Före Hemtjänsten Norr 4",
                    "Före Hemtjänsten Norr 6",
                    "Före Köket 0",
                    "Före Köket 2",
                    "Före Orsa bibliotek 0",
                    "Före Orsa bibliotek 1",
                    "Före Orsa bibliotek 2",
                    "Före Orsa bibliotek 3",
                    "Före Orsa bibliotek 4",
                    "Före Orsa bibliotek 5",
                    "Före Orsa bibliotek 6",
                    "Före Orsa bibliotek 7",
                    "Före Äldreboendet Solgården 0",
                    "Före Äldreboendet Solgården 10",
                    "Före Äldreboendet Solgården 12",
                    "Före Äldreboendet Solgården 14",
                    "Före Äldreboendet Solgården 2",
                    "Före Äldreboendet Solgården 4",
                    "Före Äldreboendet Solgården 6",
                    "Före Äldreboendet Solgården 8",
                ],
                "visas": ["Fritextsvar i slumpvis ordning."],
            },
            "Vad har ni pratat om?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vad har ni pratat om?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Språk | 11 | 33 % | 16 | 62 % |",
                    "Religion | 12 | 36 % | 18 | 69 % |",
                    "Humor | 10 | 30 % | 5 | 19 % |",
                ]
            },
            "Vilken roll har du?": {
                "visas": [
                    "Visa siffrorna som tabell",
                    "Vilken roll har du?",
                    "Svarsalternativ | Före, antal | Före, andel | Efter, antal | Efter, andel |",
                    "Medarbetare | 7 | 29 % | 9 | 35 % |",
                    "Chef | 9 | 38 % | 9 | 35 % |",
                    "Annan | 8 | 33 % | 8 | 31 % |",
                ]
            },
        },
        "svar": ["Före 33 svarsfrekvens 100 %", "Efter 26 svarsfrekvens 100 %"],
    },
}
