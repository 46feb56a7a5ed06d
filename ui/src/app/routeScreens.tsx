import { getRouteApi } from "@tanstack/react-router";
import { BundleScreen } from "../features/bundle/BundleScreen";
import { CaseScreen } from "../features/case/CaseScreen";

const caseApi = getRouteApi("/cases/$number");
const bundleApi = getRouteApi("/cases/$number/bundle");

/** #/cases/<number>: the case view, a fresh one per case. */
export function CaseRouteScreen() {
  const { number } = caseApi.useParams();
  return <CaseScreen key={number} number={number} />;
}

/** #/cases/<number>/bundle: the bundle the case belongs to. */
export function BundleRouteScreen() {
  const { number } = bundleApi.useParams();
  return <BundleScreen key={number} number={number} />;
}
