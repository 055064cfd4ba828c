/**
 * Workflow steps over REST, as the person signed in to a browser context (its cookies): for
 * setting the scene in specs whose subject is something else. Requests carry the app's Origin,
 * as the app's own pages do.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export type WorkflowAction = 'submit' | 'request_changes' | 'approve' | 'reopen' | 'publish' | 'update' | 'unpublish';

export interface ArticlePermissions {
  canEdit: boolean;
  canRestore: boolean;
  actions: string[];
}

/** The REST API as the person signed in on `page`. */
export class Rest {
  private readonly api: APIRequestContext;
  private readonly origin: string;

  constructor(page: Page) {
    this.api = page.context().request;
    this.origin = new URL(page.url()).origin;
  }

  async transition(articleId: string, action: WorkflowAction, note?: string): Promise<void> {
    const res = await this.api.post(`/api/articles/${encodeURIComponent(articleId)}/transitions`, {
      data: note === undefined ? { action } : { action, note },
      headers: { origin: this.origin },
    });
    expect(res.status(), `${action}: ${await res.text()}`).toBe(200);
  }

  /** The words inserted since version `n`, as the server's live copy has them now. */
  async insertedSince(articleId: string, n: number): Promise<string> {
    const res = await this.api.get(`/api/articles/${encodeURIComponent(articleId)}/compare?from=${n}&to=current`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { body: { value: string; added?: boolean }[] };
    return body.body
      .filter((p) => p.added)
      .map((p) => p.value)
      .join('');
  }

  async permissions(articleId: string): Promise<ArticlePermissions> {
    const res = await this.api.get(`/api/articles/${encodeURIComponent(articleId)}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { permissions: ArticlePermissions }).permissions;
  }
}
