import { useQuery } from "@tanstack/react-query";
import { Dialog } from "../../components/Dialog";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { PdfViewer } from "../pdf/PdfViewer";

/** A PDF fetched over IPC (a material, the result letter) in a dialog. */
export function PdfDialog({ title, queryKey, load, onClose }: { title: string; queryKey: readonly unknown[]; load: () => Promise<Uint8Array>; onClose: () => void }) {
  const { t } = useI18n();
  const pdf = useQuery({ queryKey: ["pdf", ...queryKey], queryFn: load, staleTime: 0, gcTime: 0 });
  return (
    <Dialog title={title} onClose={onClose} wide>
      {pdf.isPending && <p role="status">{t("pdf.loading")}</p>}
      {pdf.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(pdf.error, t)}
        </p>
      )}
      {pdf.data && <PdfViewer bytes={pdf.data} title={title} />}
    </Dialog>
  );
}
