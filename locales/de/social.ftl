# The social-media desk (/redaktion/sozial).
social-not-allowed = Den Social-Media-Plan bearbeitet die Redaktion des Magazins.
social-own-approval = Niemand gibt den eigenen Beitrag frei: Bitte lassen Sie ihn von einer anderen Person der Redaktion prüfen.
social-wrong-state = Das geht in diesem Stand des Beitrags nicht (mehr). Bitte laden Sie die Seite neu.
social-subject-missing = Bitte geben Sie die Adresse einer Veranstaltung (/veranstaltungen/…) oder eines Magazinartikels (/magazin/…) an.
social-subject-unknown = Unter dieser Adresse gibt es keine veröffentlichte Veranstaltung und keinen freigegebenen Artikel.
social-hashtag-invalid = „{ $tag }“ ist kein Hashtag: nur Buchstaben, Ziffern und Unterstriche.
social-hashtags-many = Höchstens { $max } Hashtags, bitte weglassen, was nicht nötig ist.
social-too-long = Der Text für { $channel } ist { $over } Zeichen zu lang: höchstens { $limit } Zeichen mit Link und Hashtags.
social-text-missing = Bitte schreiben Sie den Text für mindestens einen Kanal.
social-date-missing = Bitte geben Sie den Tag an, an dem der Beitrag erscheinen soll (TT.MM.JJJJ).
social-time-missing = Bitte geben Sie die Uhrzeit an (z. B. 18:00).
social-reason-missing = Bitte schreiben Sie kurz, warum der Beitrag zurückgeht (höchstens 600 Zeichen).
orgs-social-pictures = Bilder für soziale Medien
orgs-social-pictures-hint = Für Ihre kommenden Veranstaltungen: das Bild der Veranstaltung (oder ihres Ortes) mit Titel, Datum und Ort, quadratisch für Beiträge und hochkant für Storys. Bitte posten Sie es mit einem Alternativtext.
orgs-social-pictures-none = Zurzeit gibt es keine kommenden veröffentlichten Veranstaltungen Ihrer Organisation.
orgs-social-format-quadrat = Quadrat (1080 × 1080)
orgs-social-format-story = Story (1080 × 1920)
