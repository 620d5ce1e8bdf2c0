import { useTranslation } from 'react-i18next';
import type { HostFault } from '../../../common/bridge/contract.js';

/** A calm, non-interactive screen: passersby learn the board is out of service, staff get the detail. */
export function FaultScreen({ fault }: { fault: HostFault }) {
  const { t } = useTranslation();
  return (
    <main className="screen fault" data-testid="fault-screen" data-fault-code={fault.code}>
      <div className="fault-panel">
        <p className="fault-brand">{t('app.name')}</p>
        <p className="fault-heading">{t('fault.heading')}</p>
        <h1 className="fault-title">{t(`fault.title.${fault.code}`)}</h1>
        <p className="fault-body">{t(`fault.body.${fault.code}`)}</p>
        <p className="fault-contact">{t('fault.contact')}</p>
        {fault.detail !== '' && <p className="fault-detail">{fault.detail}</p>}
      </div>
    </main>
  );
}
