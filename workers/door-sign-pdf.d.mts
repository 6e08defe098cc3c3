import type { DoorSignContent, DoorSignSize } from "../app/domain/registry/door-sign";

export declare const CJK_FONT_PATHS: string[];
export default function renderDoorSign(task: { content: DoorSignContent; size: DoorSignSize }): Promise<Buffer>;
