import type { BridgeContext } from '../bridge';

export interface SurfaceProps {
  context: BridgeContext;
}
