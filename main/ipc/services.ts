/**
 * The port main/ipc calls: one method per invoke operation, named as the operation, taking its arguments
 * already validated. It is derived from the contract (`KratosDesktopApi`), so it is never written twice.
 * main/app implements it (`AppCore`), and the terminal client calls the same methods in-process.
 */
import type { InvokeOperation, OperationAnswer, OperationArguments } from '../../shared/ipc-contract';

export type AppServices = {
  [O in InvokeOperation]: (...args: OperationArguments<O>) => Promise<OperationAnswer<O>>;
};
