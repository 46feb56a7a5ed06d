import { useMutation } from "@tanstack/react-query";
import { sealCheck } from "../../ipc/commands";
import type { IpcError, SealCheck } from "../../ipc/types";
import { readSealFile, type SealFileProblem } from "./sealReport";

/** A check's answer, or why the window refused the file before sending it. */
export type SealOutcome = { kind: "checked"; check: SealCheck } | { kind: "refused"; problem: SealFileProblem };

/** Checks the seals of the chosen PDF; a file over 50 MB or empty never reaches the backend. */
export function useSealCheck() {
  return useMutation<SealOutcome, IpcError, File>({
    mutationFn: async (file) => {
      const read = await readSealFile(file);
      if (!read.ok) return { kind: "refused", problem: read.problem };
      return { kind: "checked", check: await sealCheck(file.name, read.bytes) };
    },
  });
}
