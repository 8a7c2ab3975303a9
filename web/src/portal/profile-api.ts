/**
 * The customer's own profile (/api/auth/customer/profile): name, language, password. The language the
 * customer picks is kept on the server, so it follows them to every device and into our mails.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Answer, type Body } from '../api/client';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

export type CustomerProfile = Answer<'/api/auth/customer/profile', 'get'>;

const profileKey = (customerId: number | undefined) => ['portal', 'profile', customerId] as const;

/** GET the profile of the logged-in customer (`customerId`; undefined: nobody, no request). */
export function useCustomerProfile(customerId: number | undefined) {
  return useQuery({
    queryKey: profileKey(customerId),
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/auth/customer/profile', { signal })),
    enabled: customerId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/** PATCH name and/or language; the answer replaces the cached profile. */
export function useUpdateProfile(customerId: number | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'/api/auth/customer/profile', 'patch'>) =>
      unwrap(api.http.PATCH('/api/auth/customer/profile', { body })),
    onSuccess: (profile) => client.setQueryData(profileKey(customerId), profile),
  });
}

/** POST a new password (the current one required); answers how many other sessions ended. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: Body<'/api/auth/customer/password', 'post'>) =>
      unwrap(api.http.POST('/api/auth/customer/password', { body })),
  });
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/**
 * The portal's language: the one the customer saved, once their profile is loaded; choosing another
 * switches at once and, for a logged-in customer, saves it to the profile.
 */
export function usePortalLanguage(customerId: number | undefined) {
  const { i18n } = useTranslation();
  const profile = useCustomerProfile(customerId);
  const update = useUpdateProfile(customerId);
  const saved = profile.data?.language ?? '';
  useEffect(() => {
    if (isLanguage(saved) && saved !== i18n.language) void setLanguage(saved);
  }, [saved, i18n]);
  return (language: string) => {
    if (!isLanguage(language)) return;
    void setLanguage(language);
    if (customerId !== undefined && language !== saved) update.mutate({ language });
  };
}
