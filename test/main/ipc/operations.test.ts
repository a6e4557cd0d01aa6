/**
 * The operations table is main's only list of IPC operations, and the contract (`KratosDesktopApi`) is the
 * only list overall: what `tsc` refuses here is what would happen to a new operation written in the contract
 * but forgotten in one of the places that must follow it (docs/architecture.md, "Adding an IPC operation").
 * The preload's side is checked at run time in test/preload/index.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ActionResponse, IpcResult, KratosDesktopApi } from '../../../shared/ipc-contract';
import { invokeOperations, operations, type OperationSchemas } from '../../../main/ipc/operations';
import type { AppServices } from '../../../main/ipc/services';

/** Passes a value through as a `T`: a place for `tsc` to say whether the value is one. */
const asA = <T>(value: T): T => value;

/** The contract with one more operation, as someone adding it would write it first. */
type WithExport = KratosDesktopApi & { exportData(format: string): Promise<IpcResult<ActionResponse>> };

describe('the IPC operations table', () => {
  it('type-checks only when it has every operation of the contract, each with its argument types', () => {
    expect(asA<OperationSchemas>(operations)).toBe(operations);
    // @ts-expect-error -- `exportData` is in the contract but not in the table: tsc fails
    asA<OperationSchemas<WithExport>>(operations);
    const numericId = { names: ['id'], schema: z.tuple([z.number()]) };
    // @ts-expect-error -- a schema whose output is not the contract's argument type (an id is a string)
    asA<OperationSchemas>({ ...operations, revokeSession: numericId });
    // @ts-expect-error -- an operation the contract does not have
    asA<OperationSchemas>({ ...operations, exportData: operations.revokeSession });
  });

  it('type-checks a service only when it implements every operation', () => {
    const services = {} as Omit<AppServices, 'logout'>;
    // @ts-expect-error -- the app core without `logout` is not the port the router calls
    expect(asA<AppServices>(services)).toBe(services);
  });

  it('names each argument its schema takes: as many names as arguments, no more, no fewer', () => {
    for (const operation of invokeOperations) {
      const { names, schema } = operations[operation];
      /** Whether the tuple schema refuses `args` for their count (an issue on the tuple itself). */
      const refusesCount = (args: unknown[]) =>
        schema.safeParse(args).error?.issues.some((issue) => issue.path.length === 0) ?? false;
      const named = names.map(() => 'x');
      expect(refusesCount(named), operation).toBe(false);
      expect(refusesCount([...named, 'extra']), operation).toBe(true);
      if (names.length > 0) expect(refusesCount(named.slice(1)), operation).toBe(true);
    }
  });
});
