import { useState } from 'react';
import { Button } from '../../components/Button';
import { Icon } from '../../components/icons';

/** A signing secret the API shows only once: copy it now, it cannot be read again. */
export function SecretReveal({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="alert" className="m-4 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <div className="flex items-start gap-2">
        <Icon name="key" className="mt-0.5 size-4 shrink-0 text-amber-700" />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-semibold text-amber-900">{label}</p>
          <p className="mt-0.5 text-sm text-amber-800">Copy it now and store it safely: it is shown only this once and cannot be displayed again.</p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code aria-label="Signing secret" className="min-w-0 flex-1 rounded-lg bg-white px-3 py-2 font-mono text-xs break-all text-slate-900 ring-1 ring-amber-200">
              {secret}
            </code>
            <Button
              variant="secondary"
              size="sm"
              icon={copied ? 'check' : 'copy'}
              onClick={async () => {
                await navigator.clipboard?.writeText(secret).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          </div>
          <Button size="sm" variant="ghost" className="mt-2" onClick={onDone}>
            I have stored it
          </Button>
        </div>
      </div>
    </div>
  );
}
