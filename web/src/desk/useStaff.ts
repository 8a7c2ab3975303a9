/** The logged-in staff member; the desk's routes are guarded, so there always is one. */
import type { StaffMe } from '../api/types';
import { useSession } from '../session';

export function useStaff(): StaffMe {
  const { state } = useSession();
  if (state.status !== 'signed-in' || state.me.kind !== 'staff')
    throw new Error('the desk needs a staff session');
  return state.me;
}
