export {
  bestCrossSell,
  coPurchaseRules,
  topCorrelated,
  type AffinityRule,
  type BasketItems,
  type CoPurchase,
  type CoPurchaseOptions,
} from './co-purchase';
