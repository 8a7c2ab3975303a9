/**
 * The desk header's secondary controls in one menu, for narrow screens (375 px phones): the secondary
 * screens (knowledge base, admin, chats, log a call), availability, language, shortcuts, who is signed
 * in and logout — so the header stays one line.
 */
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { AVAILABILITY, type AvailabilityValue } from './availability';

interface Props {
  who: string;
  role: string;
  availability: AvailabilityValue | null;
  onAvailability: (value: AvailabilityValue) => void;
  onShortcuts: () => void;
  onLogout: () => void;
  /** Screens linked from the header on wide screens and from here on narrow ones. */
  links: { to: string; label: string }[];
  onNavigate: (to: string) => void;
}

export function HeaderMenu({
  who,
  role,
  availability,
  onAvailability,
  onShortcuts,
  onLogout,
  links,
  onNavigate,
}: Props) {
  const { t, i18n } = useTranslation();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="secondary icon" aria-label={t('desk.menu.open')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
          </svg>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu-label">
            {who} <span className="role">{role}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="menu-separator" />
          {links.map((link) => (
            <DropdownMenu.Item key={link.to} className="menu-item" onSelect={() => onNavigate(link.to)}>
              {link.label}
            </DropdownMenu.Item>
          ))}
          {links.length > 0 && <DropdownMenu.Separator className="menu-separator" />}
          <DropdownMenu.Label className="menu-label">{t('header.availability')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={availability ?? ''}
            onValueChange={(v) => onAvailability(v as AvailabilityValue)}
          >
            {AVAILABILITY.map((a) => (
              <DropdownMenu.RadioItem key={a} value={a} className="menu-item">
                <DropdownMenu.ItemIndicator className="menu-check">✓</DropdownMenu.ItemIndicator>
                {t(`availability.${a}`)}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Label className="menu-label">{t('header.language')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={i18n.language}
            onValueChange={(v) => void setLanguage(v as Language)}
          >
            {LANGUAGES.map((l) => (
              <DropdownMenu.RadioItem key={l} value={l} className="menu-item">
                <DropdownMenu.ItemIndicator className="menu-check">✓</DropdownMenu.ItemIndicator>
                {l === 'de' ? 'Deutsch' : 'English'}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" onSelect={onShortcuts}>
            {t('header.shortcuts')}
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={onLogout}>
            {t('header.logout')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
