import type { Role } from '../../../src-main/api/permissions';

/** A colour per team, so a shared PC's roster is quick to scan. */
export function roleColor(role: Role): string {
  if (role === 'manager' || role === 'director') return '#d48806';
  if (role.startsWith('cs_')) return '#1677ff';
  if (role.startsWith('wh_')) return '#389e0d';
  if (role.startsWith('art_')) return '#9254de';
  return '#08979c';
}

/** The first character of a name, for an avatar (works for 王芳 and for Anna). */
export function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
