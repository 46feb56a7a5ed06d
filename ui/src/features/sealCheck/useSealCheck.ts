import { useMutation } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { sealCheck, sealCheckCancel } from "../../ipc/commands";
import type { IpcError, SealCheck } from "../../ipc/types";
import { readSealFile, type SealFileProblem } from "./sealReport";

/** A check's answer, or why the window refused the file before sending it. */
export type SealOutcome = { kind: "checked"; check: SealCheck } | { kind: "refused"; problem: SealFileProblem };

/** Whether a rejected check was cancelled by the officer (not a failure to show in red). */
export function wasCancelled(error: IpcError): boolean {
  return error.code === "seal_check_cancelled";
}

/**
 * Checks the seals of the chosen PDF; a file over 50 MB or empty never reaches
 * the backend. Each check runs under an id of its own, so `cancel` stops the
 * one running now and no other.
 */
export function useSealCheck() {
  const runningId = useRef<string | null>(null);
  const mutation = useMutation<SealOutcome, IpcError, File>({
    mutationFn: async (file) => {
      const read = await readSealFile(file);
      if (!read.ok) return { kind: "refused", problem: read.problem };
      const checkId = crypto.randomUUID();
      runningId.current = checkId;
      try {
        return { kind: "checked", check: await sealCheck(file.name, read.bytes, checkId) };
      } finally {
        if (runningId.current === checkId) runningId.current = null;
      }
    },
  });
  const cancel = useCallback(() => {
    const checkId = runningId.current;
    if (checkId !== null) void sealCheckCancel(checkId).catch(() => false);
  }, []);
  return { ...mutation, cancel };
}
