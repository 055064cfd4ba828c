/** The newsroom's sections over REST: everyone reads the list; admins add, rename and remove. */
import type { Section } from '@copydesk/shared';
import { isRecord, request, unexpected } from './http.js';

function isSection(value: unknown): value is Section {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string' && typeof value.articles === 'number';
}

function sectionFrom(body: unknown, status: number): Section {
  if (isRecord(body) && isSection(body.section)) return body.section;
  throw unexpected(status);
}

export async function listSections(): Promise<Section[]> {
  const body = await request('/api/sections');
  if (isRecord(body) && Array.isArray(body.sections)) return body.sections.filter(isSection);
  throw unexpected(200);
}

export async function createSection(name: string): Promise<Section> {
  return sectionFrom(await request('/api/sections', { method: 'POST', body: { name } }), 201);
}

export async function renameSection(id: string, name: string): Promise<Section> {
  return sectionFrom(await request(`/api/sections/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } }), 200);
}

export async function removeSection(id: string): Promise<void> {
  await request(`/api/sections/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
