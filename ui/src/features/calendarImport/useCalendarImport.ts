import { useMutation, useQueryClient } from "@tanstack/react-query";
import { calendarImport } from "../../ipc/commands";
import type { CalendarImportSummary, IpcError } from "../../ipc/types";
import { calendarKeys } from "../calendar/calendarQueries";
import { readImportFile, type FileProblem } from "./importFile";

/** What became of a chosen file that the backend did not reject. */
export type ImportOutcome = { kind: "imported"; summary: CalendarImportSummary } | { kind: "refused"; problem: FileProblem };

/**
 * Imports the chosen arrangement file. A file refused in the window (too
 * large, not UTF-8) never reaches the backend. After an import the
 * calendar's status (range, notices) and months are read again before the
 * success line shows, so the line never stands beside the old month.
 */
export function useCalendarImport() {
  const queryClient = useQueryClient();
  return useMutation<ImportOutcome, IpcError, File>({
    mutationFn: async (file) => {
      const read = await readImportFile(file);
      if (!read.ok) return { kind: "refused", problem: read.problem };
      return { kind: "imported", summary: await calendarImport(read.text) };
    },
    onSuccess: async (outcome) => {
      if (outcome.kind === "imported") await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    },
  });
}
