// One notification in words, in the reader's language (inbox page and e-mail alike).
import type { TFunction } from "i18next";

export function notificationText(t: TFunction, kind: string, params: Record<string, string | number | null>): string {
  return t(`inbox.kinds.${kind}`, {
    ...params,
    comment: params.comment ?? "",
    categoryText: params.category ? t(`inspect.report.categories.${params.category}`) : "",
    revisionText: params.revisionKind ? t(`inbox.revisionKinds.${params.revisionKind}`) : "",
  });
}
