/**
 * The English strings only staff screens use (the desk's scenes, reports, mail, channels): not in the
 * start bundle, which the portal shares, but added to i18next by desk/catalogue.ts when the desk's or the
 * admin console's first chunk loads. (German has them in de.ts, a chunk of its own already.)
 */
import { channelsEn } from './areas/channels';
import { deskEn } from './areas/desk';
import { mailEn } from './areas/mail';
import { reportsEn } from './areas/reports';
import { ticketHelpEn } from './areas/ticket-help';

export const staffAreasEn = {
  reports: reportsEn,
  channels: channelsEn,
  desk: deskEn,
  ticketHelp: ticketHelpEn,
  mail: mailEn,
} as const;
