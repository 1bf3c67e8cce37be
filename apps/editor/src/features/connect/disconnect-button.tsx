import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { useDisconnect } from './use-connect';

export function DisconnectButton() {
  const { t } = useTranslation();
  const disconnect = useDisconnect();
  return (
    <Button
      variant="ghost"
      onClick={() => {
        // The key is shown once when created; say so before forgetting it.
        if (window.confirm(t('connect.disconnectConfirm'))) disconnect();
      }}
    >
      {t('connect.disconnect')}
    </Button>
  );
}
