/** The demo's English help articles (Markdown). The German translations share the slugs. */
import type { DemoArticle } from './demo-article-types.js';

export const ARTICLES_EN: readonly DemoArticle[] = [
  {
    slug: 'shipping-times',
    title: 'How long does delivery take?',
    category: 'shipping-delivery',
    excerpt: 'Delivery times and costs for Germany, the EU, the UK and Switzerland.',
    tags: 'shipping,delivery,express',
    content: `Most orders leave our warehouse on the **same business day** if you order before 14:00 (Berlin time).

| Destination | Standard | Express |
| --- | --- | --- |
| Germany | 1–3 business days | next business day |
| EU | 3–6 business days | 2–3 business days |
| UK and Switzerland | 4–8 business days (customs) | 3–4 business days |

Shipping is free from 49 EUR; below that it costs 4.95 EUR. Express costs 9.90 EUR.

If your order contains items from two warehouses, it arrives in **two parcels**. You only pay shipping once.

Not arrived in time? See [Tracking your parcel](tracking-your-parcel) or [contact us](contact-support).`,
  },
  {
    slug: 'tracking-your-parcel',
    title: 'Tracking your parcel',
    category: 'tracking',
    excerpt: 'Where to find your tracking number, and what the tracking statuses mean.',
    tags: 'tracking,delivery,carrier',
    content: `As soon as your parcel leaves our warehouse, we send you an e-mail with the **tracking number** (it starts with \`CN-\`). You also find it in your account under **Orders**.

## What the statuses mean

- **Label created**: we have packed your parcel; the carrier has not scanned it yet. Tracking becomes active with the first scan, usually on the evening of dispatch.
- **In transit**: the parcel is on its way between the carrier's hubs.
- **Out for delivery**: the driver has your parcel and delivers it today.
- **Delivered**: if you cannot find the parcel, check with your neighbours and your safe place first.

With the link in the e-mail you can also choose an evening slot, a safe place or a parcel locker.

If tracking has not changed for **more than three business days**, please [contact us](contact-support) with your order number.`,
  },
  {
    slug: 'returns',
    title: 'How do I return an item?',
    category: 'returns-refunds',
    excerpt: 'You have 30 days to return any item, free of charge.',
    tags: 'returns,refund,label',
    content: `You can return any item within **30 days** of delivery. Returns are free in Germany and the EU.

1. Log in and open **Orders**.
2. Choose the order and click **Return items**.
3. Select the items and a reason, then print the **prepaid return label** (or show the QR code at the post office).
4. Pack the items, stick the label on the box and hand it to the carrier.

Please send back items unused and, if possible, in the original packaging. Hygiene items (for example earphones) can only be returned sealed.

Your refund is issued when the return has arrived and been checked; see [When will I get my refund?](refunds).`,
  },
  {
    slug: 'refunds',
    title: 'When will I get my refund?',
    category: 'returns-refunds',
    excerpt: 'Refunds go back to the original payment method within 3–5 business days of the return check.',
    tags: 'refund,returns,payment',
    content: `We check returns within **two business days** of their arrival. After that we issue the refund to the payment method you used:

- **PayPal**: usually within one day
- **Credit card**: 3–5 business days, depending on your bank
- **Klarna invoice**: the invoice is corrected; if you already paid, Klarna refunds you
- **Bank transfer (prepayment)**: 2–3 business days to the account you paid from

Shipping costs are refunded when you return the **whole order**. You receive an e-mail when the refund has been issued.

Refund went to a card you no longer use? Banks normally forward it to your new card. If not, [contact us](contact-support) and we will trace it.`,
  },
  {
    slug: 'reset-password',
    title: 'Resetting your password',
    category: 'your-account',
    excerpt: 'Forgot your password? Set a new one in two minutes.',
    tags: 'account,password,login',
    content: `1. Open the login page and click **Forgot password?**
2. Enter the e-mail address of your account.
3. Open the e-mail from us and click the link. It is valid for **one hour**.
4. Choose a new password with at least 8 characters.

## The e-mail does not arrive

- Check your **spam or junk folder**.
- Make sure you use the address of your account. If you changed it recently, the change only applies after you confirmed the new address.
- Wait a few minutes: requesting several links in a row makes only the last one valid.

After five failed logins your account is locked for 15 minutes for your security.`,
  },
  {
    slug: 'payment-methods',
    title: 'Which payment methods can I use?',
    category: 'orders-payment',
    excerpt: 'PayPal, credit card, Klarna invoice and bank transfer.',
    tags: 'payment,paypal,klarna,credit card',
    content: `We accept:

- **PayPal**
- **Credit and debit cards**: Visa, Mastercard, American Express
- **Klarna**: pay by invoice within 30 days, or in instalments
- **Bank transfer (prepayment)**: we ship as soon as your payment arrives, usually after 1–2 business days

Your card is only **charged when we ship**. Until then you may see a reservation on your statement; it disappears automatically if the order is cancelled.

Vouchers and gift cards are entered in the last step of the checkout.`,
  },
  {
    slug: 'damaged-parcel',
    title: 'My parcel arrived damaged',
    category: 'shipping-delivery',
    excerpt: 'What to do when a parcel or its contents are damaged.',
    tags: 'damaged,delivery,carrier,refund',
    content: `**If the box is clearly damaged when the courier hands it over**, you may refuse it. It comes back to us and we send a replacement at once.

If you have already accepted it:

1. Take **photos** of the outside of the box, the packaging inside and the damaged item.
2. Keep the box and the packaging: the carrier may want to inspect it.
3. [Contact us](contact-support) within 14 days with your order number and the photos.

We then offer you a **replacement or a refund**, whichever you prefer. You do not have to send broken glass or ceramics back.`,
  },
  {
    slug: 'change-or-cancel-order',
    title: 'Changing or cancelling an order',
    category: 'orders-payment',
    excerpt: 'Orders can be changed or cancelled until they are packed.',
    tags: 'order,cancel,address',
    content: `As long as your order has the status **Received**, you can change or cancel it yourself under **Orders** in your account.

Once it is **being packed** (usually within two hours in the warehouse's working hours), we can no longer change it. You can then:

- refuse the parcel at the door, or
- [return it](returns) for free within 30 days.

To change the **delivery address** of an order that has already shipped, use the link in the tracking e-mail; the carrier can redirect most parcels.`,
  },
  {
    slug: 'invoices',
    title: 'Getting an invoice for your order',
    category: 'orders-payment',
    excerpt: 'Download your invoice as PDF, or have it made out to your company.',
    tags: 'invoice,vat,company',
    content: `Every order has an invoice as **PDF** in your account: open **Orders**, choose the order and click **Download invoice**. The invoice is available as soon as the order has shipped.

## Company invoices

Enter your company name and **VAT ID** in your account under **Addresses** before ordering; the invoice then shows both and, for EU businesses outside Germany, applies the reverse charge.

Need a corrected invoice for an earlier order? [Contact us](contact-support) with the order number and the correct details.`,
  },
  {
    slug: 'contact-support',
    title: 'How to contact our support team',
    category: 'your-account',
    excerpt: 'E-mail, chat, phone and the contact form: when we answer and what to include.',
    tags: 'contact,support,phone,chat',
    content: `We are here **Monday to Friday, 9:00–17:00** (Berlin time), except public holidays.

- **Contact form**: in your account under **Help**, with your order preselected
- **E-mail**: help@demo.test
- **Live chat**: the chat button on every page, during opening hours
- **Phone**: +49 30 5550 0000

Please include your **order number** (it starts with \`SO-\`) and, for delivery problems, the **tracking number**. Photos help us with damaged or wrong items.

We answer every request within one business day. Your ticket number (for example \`DEMO-42\`) is in the subject of our e-mails: reply to them to add information.`,
  },
];
