import type { i18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { NewsboardBridge } from '../../../common/bridge/api.js';
import { useHostStatus } from '../hooks/useHostStatus.js';
import { FaultScreen } from '../screens/FaultScreen.js';
import { BridgeContext, useBridge } from './bridgeContext.js';
import { Kiosk } from './Kiosk.js';

export interface AppProps {
  bridge: NewsboardBridge;
  i18n: i18n;
}

export function App({ bridge, i18n }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <BridgeContext value={bridge}>
        <HostGate />
      </BridgeContext>
    </I18nextProvider>
  );
}

function HostGate() {
  const bridge = useBridge();
  const { i18n } = useTranslation();
  const host = useHostStatus();

  // The operator (or a schedule) may set the board's language from the host side.
  useEffect(() => bridge.on('ui:language', ({ language }) => void i18n.changeLanguage(language)), [bridge, i18n]);

  if (host.kind === 'fault') return <FaultScreen fault={host.fault} />;
  // Usually a few milliseconds; an empty paper-coloured page beats a flash of the wrong screen.
  if (host.kind === 'starting') return <div className="screen boot" />;
  return <Kiosk />;
}
