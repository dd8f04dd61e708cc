/**
 * What every court page needs to speak to people: the court's name, judges' full names, the Засади categories by
 * name — read once per session from GET /directory (actors/court/http) and shared.
 *
 *   const d = await directory();
 *   judgeName(d, card.assignment?.judge)   // 'Петренко Олена Миколаївна', never a login
 */
import { api } from '../lib/api.ts';

export interface Directory {
  court: { code: string; name: string };
  judges: Array<{ id: string; fullName: string; [k: string]: unknown }>;
  categories: Array<{ id: string; name: string; [k: string]: unknown }>;
  indexes: Array<{ index: string; name: string }>;
  [k: string]: unknown;
}

let cached: Promise<Directory> | null = null;

export function directory(): Promise<Directory> {
  cached ??= api.get<Directory>('/directory');
  cached.catch(() => (cached = null));
  return cached;
}

/** A judge's full name; an unknown id is shown as «суддя (не в переліку)», never as the login itself. */
export function judgeName(d: Directory, id: string | null | undefined): string {
  if (!id) return '';
  // ids are compared as the node does (the roster's `Judge.Petrenko` is the account `judge.petrenko`)
  const key = id.toLowerCase();
  return d.judges.find((j) => j.id.toLowerCase() === key)?.fullName ?? 'суддя (не в переліку суду)';
}

export function categoryName(d: Directory, id: string | null | undefined): string {
  if (!id) return '';
  return d.categories.find((c) => c.id === id)?.name ?? id;
}
