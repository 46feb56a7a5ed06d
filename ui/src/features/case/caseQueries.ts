import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { caseAct, caseView, recordTracking, sealResult } from "../../ipc/commands";
import type { CaseAction, CaseView, ResultParticulars, SealKeyRequest } from "../../ipc/types";
import { inboxKeys } from "../inbox/inboxQueries";

export const caseKeys = {
  one: (number: string) => ["case", number] as const,
};

export function useCase(number: string) {
  return useQuery({ queryKey: caseKeys.one(number), queryFn: () => caseView(number) });
}

/**
 * Every change to a case answers with the case as it is now: the view is
 * replaced, the inbox read again. A refusal because the case moved on
 * (`case_changed`) reads the case again too, so the officer sees why.
 */
function useCaseChange<V>(number: string, run: (variables: V) => Promise<CaseView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (view) => {
      client.setQueryData(caseKeys.one(number), view);
      void client.invalidateQueries({ queryKey: inboxKeys.all });
      void client.invalidateQueries({ queryKey: ["bundle"] });
    },
    onError: (error) => {
      if (error.code === "case_changed") void client.invalidateQueries({ queryKey: caseKeys.one(number) });
    },
  });
}

export function useCaseAct(view: CaseView) {
  return useCaseChange(view.number, (action: CaseAction) => caseAct({ number: view.number, expectedVersion: view.version, action }));
}

export function useSealResult(view: CaseView) {
  return useCaseChange(view.number, ({ particulars, key }: { particulars: ResultParticulars; key: SealKeyRequest }) => sealResult({ number: view.number, particulars, key }));
}

export function useRecordTracking(view: CaseView) {
  return useCaseChange(view.number, (trackingNumber: string) => recordTracking(view.number, trackingNumber));
}
