/** Die deutschen Hilfeartikel der Demo (Markdown), mit denselben Slugs wie die englischen. */
import type { DemoArticle } from './demo-article-types.js';

export const ARTICLES_DE: readonly DemoArticle[] = [
  {
    slug: 'shipping-times',
    title: 'Wie lange dauert die Lieferung?',
    category: 'shipping-delivery',
    excerpt: 'Lieferzeiten und Versandkosten für Deutschland, die EU, Großbritannien und die Schweiz.',
    tags: 'versand,lieferung,express',
    content: `Die meisten Bestellungen verlassen unser Lager **am selben Werktag**, wenn Sie vor 14:00 Uhr bestellen.

| Ziel | Standard | Express |
| --- | --- | --- |
| Deutschland | 1–3 Werktage | nächster Werktag |
| EU | 3–6 Werktage | 2–3 Werktage |
| Großbritannien und Schweiz | 4–8 Werktage (Zoll) | 3–4 Werktage |

Ab 49 EUR liefern wir versandkostenfrei, darunter kostet der Versand 4,95 EUR. Express kostet 9,90 EUR.

Enthält Ihre Bestellung Artikel aus zwei Lagern, kommt sie in **zwei Paketen**. Versandkosten zahlen Sie nur einmal.

Noch nicht angekommen? Lesen Sie [Sendungsverfolgung](tracking-your-parcel) oder [schreiben Sie uns](contact-support).`,
  },
  {
    slug: 'tracking-your-parcel',
    title: 'Sendungsverfolgung',
    category: 'tracking',
    excerpt: 'Wo Sie Ihre Sendungsnummer finden und was die Status bedeuten.',
    tags: 'sendungsverfolgung,lieferung,paketdienst',
    content: `Sobald Ihr Paket unser Lager verlässt, senden wir Ihnen eine E-Mail mit der **Sendungsnummer** (sie beginnt mit \`CN-\`). Sie finden sie auch in Ihrem Konto unter **Bestellungen**.

## Was die Status bedeuten

- **Label erstellt**: Wir haben Ihr Paket gepackt; der Paketdienst hat es noch nicht gescannt. Die Verfolgung startet mit dem ersten Scan, meist am Abend des Versandtags.
- **Unterwegs**: Das Paket ist zwischen den Verteilzentren unterwegs.
- **In Zustellung**: Der Fahrer hat Ihr Paket und stellt es heute zu.
- **Zugestellt**: Wenn Sie das Paket nicht finden, fragen Sie bitte zuerst bei Nachbarn nach und sehen Sie am Ablageort nach.

Über den Link in der E-Mail können Sie auch eine Abendzustellung, einen Ablageort oder eine Packstation wählen.

Hat sich der Status **länger als drei Werktage** nicht geändert, [schreiben Sie uns](contact-support) bitte mit Ihrer Bestellnummer.`,
  },
  {
    slug: 'returns',
    title: 'Wie sende ich einen Artikel zurück?',
    category: 'returns-refunds',
    excerpt: 'Sie haben 30 Tage Zeit für eine kostenlose Rücksendung.',
    tags: 'rücksendung,erstattung,retourenschein',
    content: `Sie können jeden Artikel innerhalb von **30 Tagen** nach der Lieferung zurücksenden. In Deutschland und der EU ist die Rücksendung kostenlos.

1. Melden Sie sich an und öffnen Sie **Bestellungen**.
2. Wählen Sie die Bestellung und klicken Sie auf **Artikel zurücksenden**.
3. Wählen Sie die Artikel und einen Grund und drucken Sie den **vorfrankierten Retourenschein** (oder zeigen Sie den QR-Code in der Filiale).
4. Packen Sie die Artikel ein, kleben Sie den Schein auf den Karton und geben Sie ihn beim Paketdienst ab.

Bitte senden Sie Artikel unbenutzt und möglichst in der Originalverpackung zurück. Hygieneartikel (zum Beispiel Kopfhörer) nehmen wir nur versiegelt zurück.

Die Erstattung erfolgt, sobald die Rücksendung angekommen und geprüft ist; siehe [Wann erhalte ich meine Erstattung?](refunds).`,
  },
  {
    slug: 'refunds',
    title: 'Wann erhalte ich meine Erstattung?',
    category: 'returns-refunds',
    excerpt:
      'Erstattungen gehen innerhalb von 3–5 Werktagen nach der Prüfung an die ursprüngliche Zahlungsart.',
    tags: 'erstattung,rücksendung,zahlung',
    content: `Wir prüfen Rücksendungen innerhalb von **zwei Werktagen** nach Eingang. Danach erstatten wir den Betrag über die Zahlungsart, mit der Sie bezahlt haben:

- **PayPal**: meist innerhalb eines Tages
- **Kreditkarte**: 3–5 Werktage, je nach Bank
- **Klarna-Rechnung**: Die Rechnung wird korrigiert; haben Sie schon bezahlt, erstattet Klarna
- **Vorkasse (Überweisung)**: 2–3 Werktage auf das Konto, von dem Sie bezahlt haben

Versandkosten erstatten wir, wenn Sie die **ganze Bestellung** zurücksenden. Sie erhalten eine E-Mail, sobald die Erstattung veranlasst ist.

Ging die Erstattung an eine Karte, die Sie nicht mehr nutzen? Banken leiten sie normalerweise an die neue Karte weiter. Falls nicht, [schreiben Sie uns](contact-support), dann forschen wir nach.`,
  },
  {
    slug: 'reset-password',
    title: 'Passwort zurücksetzen',
    category: 'your-account',
    excerpt: 'Passwort vergessen? So vergeben Sie in zwei Minuten ein neues.',
    tags: 'konto,passwort,anmeldung',
    content: `1. Öffnen Sie die Anmeldeseite und klicken Sie auf **Passwort vergessen?**
2. Geben Sie die E-Mail-Adresse Ihres Kontos ein.
3. Öffnen Sie unsere E-Mail und klicken Sie auf den Link. Er ist **eine Stunde** gültig.
4. Wählen Sie ein neues Passwort mit mindestens 8 Zeichen.

## Die E-Mail kommt nicht an

- Sehen Sie im **Spam-Ordner** nach.
- Verwenden Sie die Adresse Ihres Kontos. Haben Sie sie kürzlich geändert, gilt die neue Adresse erst nach der Bestätigung.
- Warten Sie ein paar Minuten: Fordern Sie mehrere Links hintereinander an, gilt nur der letzte.

Nach fünf fehlgeschlagenen Anmeldungen wird Ihr Konto zu Ihrer Sicherheit für 15 Minuten gesperrt.`,
  },
  {
    slug: 'payment-methods',
    title: 'Welche Zahlungsarten gibt es?',
    category: 'orders-payment',
    excerpt: 'PayPal, Kreditkarte, Klarna-Rechnung und Vorkasse.',
    tags: 'zahlung,paypal,klarna,kreditkarte',
    content: `Sie können bezahlen mit:

- **PayPal**
- **Kredit- und Debitkarte**: Visa, Mastercard, American Express
- **Klarna**: Kauf auf Rechnung mit 30 Tagen Zahlungsziel oder Ratenkauf
- **Vorkasse (Überweisung)**: Wir versenden, sobald Ihre Zahlung eingegangen ist, meist nach 1–2 Werktagen

Ihre Karte wird erst **beim Versand belastet**. Bis dahin sehen Sie eventuell eine Reservierung auf Ihrer Abrechnung; sie verschwindet automatisch, wenn die Bestellung storniert wird.

Gutscheine und Geschenkkarten geben Sie im letzten Schritt der Bestellung ein.`,
  },
  {
    slug: 'damaged-parcel',
    title: 'Mein Paket ist beschädigt angekommen',
    category: 'shipping-delivery',
    excerpt: 'Was Sie tun, wenn ein Paket oder sein Inhalt beschädigt ist.',
    tags: 'beschädigt,lieferung,paketdienst,erstattung',
    content: `**Ist der Karton bei der Übergabe deutlich beschädigt**, dürfen Sie die Annahme verweigern. Das Paket kommt dann zu uns zurück und wir schicken sofort Ersatz.

Haben Sie es schon angenommen:

1. Machen Sie **Fotos** vom Karton außen, von der Verpackung innen und vom beschädigten Artikel.
2. Bewahren Sie Karton und Verpackung auf: Der Paketdienst möchte sie eventuell prüfen.
3. [Schreiben Sie uns](contact-support) innerhalb von 14 Tagen mit Bestellnummer und Fotos.

Wir bieten Ihnen dann **Ersatz oder Erstattung** an, ganz wie Sie möchten. Zerbrochenes Glas oder Porzellan müssen Sie nicht zurücksenden.`,
  },
  {
    slug: 'change-or-cancel-order',
    title: 'Bestellung ändern oder stornieren',
    category: 'orders-payment',
    excerpt: 'Bestellungen lassen sich ändern oder stornieren, bis sie gepackt werden.',
    tags: 'bestellung,stornieren,adresse',
    content: `Solange Ihre Bestellung den Status **Eingegangen** hat, können Sie sie in Ihrem Konto unter **Bestellungen** selbst ändern oder stornieren.

Sobald sie **gepackt wird** (meist innerhalb von zwei Stunden während der Arbeitszeit des Lagers), können wir sie nicht mehr ändern. Sie können dann:

- die Annahme des Pakets verweigern oder
- es innerhalb von 30 Tagen [kostenlos zurücksenden](returns).

Um die **Lieferadresse** einer bereits versendeten Bestellung zu ändern, nutzen Sie den Link in der Versand-E-Mail; der Paketdienst kann die meisten Pakete umleiten.`,
  },
  {
    slug: 'invoices',
    title: 'Rechnung zu Ihrer Bestellung',
    category: 'orders-payment',
    excerpt: 'Laden Sie Ihre Rechnung als PDF herunter oder lassen Sie sie auf Ihre Firma ausstellen.',
    tags: 'rechnung,ust-id,firma',
    content: `Zu jeder Bestellung gibt es eine Rechnung als **PDF** in Ihrem Konto: Öffnen Sie **Bestellungen**, wählen Sie die Bestellung und klicken Sie auf **Rechnung herunterladen**. Die Rechnung steht bereit, sobald die Bestellung versendet ist.

## Firmenrechnungen

Tragen Sie vor der Bestellung Firmennamen und **USt-IdNr.** in Ihrem Konto unter **Adressen** ein; die Rechnung zeigt dann beides und wendet für Unternehmen aus anderen EU-Ländern das Reverse-Charge-Verfahren an.

Brauchen Sie eine korrigierte Rechnung für eine frühere Bestellung? [Schreiben Sie uns](contact-support) mit der Bestellnummer und den richtigen Angaben.`,
  },
  {
    slug: 'contact-support',
    title: 'So erreichen Sie unseren Kundenservice',
    category: 'your-account',
    excerpt: 'E-Mail, Chat, Telefon und Kontaktformular: wann wir antworten und was wir brauchen.',
    tags: 'kontakt,kundenservice,telefon,chat',
    content: `Wir sind **Montag bis Freitag von 9:00 bis 17:00 Uhr** für Sie da, außer an Feiertagen.

- **Kontaktformular**: in Ihrem Konto unter **Hilfe**, mit vorausgewählter Bestellung
- **E-Mail**: help@demo.test
- **Live-Chat**: über den Chat-Button auf jeder Seite, während der Servicezeiten
- **Telefon**: +49 30 5550 0000

Bitte nennen Sie Ihre **Bestellnummer** (sie beginnt mit \`SO-\`) und bei Lieferproblemen die **Sendungsnummer**. Bei beschädigten oder falschen Artikeln helfen uns Fotos.

Wir beantworten jede Anfrage innerhalb eines Werktags. Ihre Ticketnummer (zum Beispiel \`DEMO-42\`) steht im Betreff unserer E-Mails: Antworten Sie einfach darauf, um etwas zu ergänzen.`,
  },
];
